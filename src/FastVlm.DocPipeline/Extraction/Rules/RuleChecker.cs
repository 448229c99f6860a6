using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// Checks a schema's rules on merged fields. A failed rule adds <c>rule_failed: …</c> to every field it names
/// (unless that field already has an issue) and marks them for review; every outcome is recorded.
/// </summary>
public static class RuleChecker
{
    public static (IReadOnlyDictionary<string, FieldResult> Fields, IReadOnlyList<RuleResult> Results) Check(
        ExtractionSchema schema, IReadOnlyDictionary<string, FieldResult> fields)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(fields);
        if (schema.Rules.Count == 0)
        {
            return (fields, []);
        }

        var types = new SchemaRuleTypes(schema.Fields);
        var values = new DocumentRuleValues(fields);
        var updated = new Dictionary<string, FieldResult>(fields, StringComparer.Ordinal);
        var results = new List<RuleResult>(schema.Rules.Count);
        foreach (var rule in schema.Rules)
        {
            var outcome = RuleEvaluator.Evaluate(RuleBinder.Bind(RuleParser.Parse(rule.Rule, rule.ForEach), types), values);
            results.Add(new RuleResult
            {
                Rule = rule.Rule,
                Status = SchemaLoader.Wire(outcome.Status),
                Fields = outcome.Fields,
                Detail = outcome.Detail,
                FailedRows = outcome.FailedRows,
            });
            if (outcome.Status != RuleStatus.Failed)
            {
                continue;
            }

            foreach (var name in outcome.Fields)
            {
                if (updated.TryGetValue(name, out var field))
                {
                    updated[name] = field with { Issue = field.Issue ?? AnswerIssues.RuleFailedPrefix + rule.Rule, NeedsReview = true };
                }
            }
        }

        return (updated, results);
    }
}
