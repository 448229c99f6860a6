using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Extraction.Rules;

[JsonConverter(typeof(JsonStringEnumConverter<RuleStatus>))]
public enum RuleStatus
{
    [JsonStringEnumMemberName("passed")] Passed,
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>A value the rule needs is missing, or the arithmetic has no answer (division by zero, overflow).</summary>
    [JsonStringEnumMemberName("not_evaluated")] NotEvaluated,
}
