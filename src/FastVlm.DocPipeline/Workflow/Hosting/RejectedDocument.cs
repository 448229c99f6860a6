using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Hosting;

/// <summary>
/// The record a host stores for an input it cannot even start on (an empty or unreadable upload): a failed
/// document with the error's stable code, so it shows up in queries instead of only in logs, and the trigger
/// can return normally rather than retrying a blob that will never work.
/// </summary>
public static class RejectedDocument
{
    public static DocumentRecord Create(string documentId, SourceInfo source, SchemaRef schema, ErrorInfo error, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(error);
        return new DocumentRecord
        {
            Id = documentId,
            DocumentId = documentId,
            RunId = $"rejected-{now:yyyyMMddTHHmmssfffZ}",
            Source = source,
            Schema = schema,
            Status = DocumentStatus.Failed,
            Error = error,
            CreatedAt = now,
            UpdatedAt = now,
            CompletedAt = now,
        };
    }

    /// <summary>
    /// The update for <see cref="IResultStore.UpdateDocumentAsync"/>: never overwrites a document that
    /// completed or is being processed (a rejection of a re-upload must not erase a good result); keeps the
    /// original creation time of an earlier failed attempt.
    /// </summary>
    public static DocumentRecord Apply(DocumentRecord? existing, DocumentRecord rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return existing switch
        {
            null => rejected,
            { Status: DocumentStatus.Failed } => rejected with { CreatedAt = existing.CreatedAt },
            _ => existing,
        };
    }
}
