using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// Lines truth keys up with schema fields: the same name (ignoring case), else the key plus <c>Name</c>
/// (truth <c>vendor</c> → field <c>vendorName</c>, <c>merchant</c> → <c>merchantName</c>).
/// </summary>
public static class TruthKeyMatcher
{
    /// <summary>Schema field name → truth key, for every field the truth covers.</summary>
    public static IReadOnlyDictionary<string, string> Match(ExtractionSchema schema, JsonObject truth)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(truth);
        var keys = truth.Select(p => p.Key).ToList();
        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            var key = keys.FirstOrDefault(k => string.Equals(k, field.Name, StringComparison.Ordinal))
                ?? keys.FirstOrDefault(k => string.Equals(k, field.Name, StringComparison.OrdinalIgnoreCase))
                ?? keys.FirstOrDefault(k => string.Equals(k + "Name", field.Name, StringComparison.OrdinalIgnoreCase));
            if (key is not null && !matches.ContainsValue(key))
            {
                matches[field.Name] = key;
            }
        }

        return matches;
    }
}
