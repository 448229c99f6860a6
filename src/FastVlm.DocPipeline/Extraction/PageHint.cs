using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>Where a field is expected: merging prefers an answer found on that page.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PageHint>))]
public enum PageHint
{
    [JsonStringEnumMemberName("any")] Any,
    [JsonStringEnumMemberName("first")] First,
    [JsonStringEnumMemberName("last")] Last,
}
