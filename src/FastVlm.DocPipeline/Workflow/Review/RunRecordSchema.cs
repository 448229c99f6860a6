using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>The schema a document was extracted with, as its run records keep it (every run of a document has the same one).</summary>
internal static class RunRecordSchema
{
    /// <summary>The schema of <paramref name="preferredRunId"/>'s record, else of the latest run that stored one; null when none is readable.</summary>
    public static ExtractionSchema? Read(IEnumerable<RunRecord> runs, string? preferredRunId)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var json = runs.Where(r => r.SchemaJson is not null)
            .OrderByDescending(r => r.RunId == preferredRunId)
            .ThenByDescending(r => r.StartedAt)
            .Select(r => r.SchemaJson)
            .FirstOrDefault();
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<ExtractionSchema>(json, ResultJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
