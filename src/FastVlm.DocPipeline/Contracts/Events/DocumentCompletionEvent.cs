using System.Text.Json.Serialization;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Contracts.Events;

/// <summary>
/// The data of a completion event: which document and run finished, how, and where its result is. Small on
/// purpose (no field values): subscribers read the result from <see cref="Result"/>.
/// </summary>
public sealed record DocumentCompletionEvent
{
    public required string DocumentId { get; init; }

    public required string RunId { get; init; }

    /// <summary><see cref="DocumentStatus.Completed"/>, <see cref="DocumentStatus.Reviewed"/> (approved, and still in force) or <see cref="DocumentStatus.Failed"/>.</summary>
    public required DocumentStatus Status { get; init; }

    public bool NeedsReview { get; init; }

    /// <summary>The source document's name (file path or blob name).</summary>
    public required string Source { get; init; }

    public required SchemaRef Schema { get; init; }

    public int PageCount { get; init; }

    public int PagesDone { get; init; }

    public int PagesFailed { get; init; }

    public int FieldCount { get; init; }

    public int FieldsFound { get; init; }

    public int FieldsNeedingReview { get; init; }

    /// <summary>Where the stored result is (a file URI, a Cosmos DB item, a blob URL or an API route).</summary>
    public required string Result { get; init; }

    public ErrorInfo? Error { get; init; }

    public required DateTime CompletedAt { get; init; }

    /// <summary>Who approved the document, while the approval stands; null otherwise.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>The review record's revision the event describes (0 before any review).</summary>
    public int ReviewRevision { get; init; }

    /// <summary>True for the <see cref="CompletionEventTypes.DocumentReviewed"/> event of an approval.</summary>
    [JsonIgnore]
    public bool IsApproval { get; init; }

    /// <summary>The CloudEvents type: <see cref="CompletionEventTypes.DocumentCompleted"/> or <see cref="CompletionEventTypes.DocumentFailed"/>.</summary>
    [JsonIgnore]
    public string EventType => IsApproval ? CompletionEventTypes.DocumentReviewed
        : Status == DocumentStatus.Failed ? CompletionEventTypes.DocumentFailed
        : CompletionEventTypes.DocumentCompleted;

    /// <summary>Stable per run and outcome, so a redelivered or re-published event can be recognised.</summary>
    [JsonIgnore]
    public string EventId => IsApproval ? $"{DocumentId}.reviewed.{ReviewRevision}" : $"{DocumentId}.{RunId}.{(Status == DocumentStatus.Failed ? "failed" : "completed")}";

    /// <summary>The event of a stored document whose run has finished; throws when it has not.</summary>
    public static DocumentCompletionEvent FromRecord(DocumentRecord document, string resultLocation)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultLocation);
        if (document.Status is not (DocumentStatus.Completed or DocumentStatus.Reviewed or DocumentStatus.Failed))
        {
            throw new DocPipelineException(
                "events.not_finished",
                $"Document {document.DocumentId} is {document.Status.ToString().ToLowerInvariant()}, not finished: publish its completion event after the run completes or fails.");
        }

        return new DocumentCompletionEvent
        {
            DocumentId = document.DocumentId,
            RunId = document.RunId,
            Status = document.Status,
            NeedsReview = document.NeedsReview,
            Source = document.Source.Name,
            Schema = document.Schema,
            PageCount = document.PageCount,
            PagesDone = document.PagesDone,
            PagesFailed = document.PagesFailed,
            FieldCount = document.Fields.Count,
            FieldsFound = document.Fields.Values.Count(f => f.Found),
            FieldsNeedingReview = document.Fields.Values.Count(f => f.NeedsReview),
            Result = resultLocation,
            Error = document.Error,
            CompletedAt = document.CompletedAt ?? document.UpdatedAt,
            ApprovedBy = document.Review?.ApprovedBy,
            ReviewRevision = document.Review?.Revision ?? 0,
        };
    }

    /// <summary>The <see cref="CompletionEventTypes.DocumentReviewed"/> event of an approved document.</summary>
    public static DocumentCompletionEvent ForApproval(DocumentRecord document, string resultLocation)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Review?.ApprovedBy is null)
        {
            throw new DocPipelineException("events.not_approved", $"Document {document.DocumentId} is not approved: publish its review event after the approval.");
        }

        return FromRecord(document, resultLocation) with { IsApproval = true, CompletedAt = document.Review.ApprovedAt ?? document.UpdatedAt };
    }
}
