using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>Writes calibrated per-field <c>reviewThreshold</c>s into a copy of a schema's JSON, leaving everything else as it was.</summary>
public static class SchemaThresholdWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <returns>The new schema JSON, which <see cref="SchemaLoader.Parse"/> accepts.</returns>
    public static string WithThresholds(string schemaJson, CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = JsonNode.Parse(schemaJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new ArgumentException("The schema JSON is not an object.", nameof(schemaJson));
        var thresholds = report.Fields
            .Where(f => f.Threshold is not null)
            .ToDictionary(f => f.Field, f => f.Threshold!.Value, StringComparer.Ordinal);
        foreach (var field in root["fields"] as JsonArray ?? [])
        {
            if (field is JsonObject item && item["name"]?.GetValue<string>() is { } name && thresholds.TryGetValue(name, out var threshold))
            {
                item["reviewThreshold"] = threshold;
            }
        }

        var json = root.ToJsonString(Indented);
        SchemaLoader.Parse(json, "calibrated schema");
        return json;
    }
}
