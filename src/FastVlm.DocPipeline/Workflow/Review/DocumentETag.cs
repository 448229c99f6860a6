using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// The etag a review write must send: <c>{run}.{revision}</c>, the run whose answers the document shows and the review
/// record's revision. It changes with every review decision and when a run finishes with new answers, not when a run
/// merely starts, so a reviewer can keep working while a run is in progress.
/// </summary>
public static class DocumentETag
{
    public static string Of(DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Of(document.FieldsRunId, document.RunId, document.Review?.Revision ?? 0);
    }

    /// <summary>The same etag from the three facts it is made of (a store that reads only those, e.g. a queue query's projection).</summary>
    public static string Of(string? fieldsRunId, string runId, int reviewRevision) => $"{fieldsRunId ?? runId}.{reviewRevision}";
}
