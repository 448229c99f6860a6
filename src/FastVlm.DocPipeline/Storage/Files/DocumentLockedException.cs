using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// Another process holds a document's lock file for longer than <see cref="FileResultStore"/> waits. Transient: retry
/// after <see cref="RetryAfter"/>. Code <see cref="LockedCode"/>; the message names the document, never a path.
/// </summary>
public sealed class DocumentLockedException : DocPipelineException
{
    public const string LockedCode = "store.document_locked";

    public DocumentLockedException(string documentId, TimeSpan waited, Exception? innerException = null)
        : base(
            LockedCode,
            $"Document '{documentId}' is being written by another process (its lock was held for more than {waited.TotalSeconds:0.#} s); retry in a few seconds.",
            innerException)
    {
        DocumentId = documentId;
    }

    public string DocumentId { get; }

    /// <summary>How long to wait before retrying.</summary>
    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(2);

    public override bool IsTransient => true;
}
