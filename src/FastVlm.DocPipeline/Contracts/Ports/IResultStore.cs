using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Contracts.Ports;

/// <summary>
/// Where results live: JSON files under a data directory (embedded default) or Cosmos DB.
/// Every write is idempotent; document updates are optimistic-concurrency loops inside the store.
/// </summary>
public interface IResultStore
{
    Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the current document (null when absent), applies <paramref name="update"/> and writes the
    /// result only if nobody wrote in between (etag / lock); on a conflict it re-reads and re-applies.
    /// <paramref name="update"/> must be pure: it may run several times. Returning the input unchanged
    /// (same reference) writes nothing.
    /// </summary>
    Task<DocumentRecord> UpdateDocumentAsync(
        string documentId,
        Func<DocumentRecord?, DocumentRecord> update,
        CancellationToken cancellationToken = default);

    /// <summary>The document's review record (every reviewer decision); null when nobody has reviewed it.</summary>
    Task<ReviewRecord?> GetReviewAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the review record (null when absent), applies <paramref name="update"/> and writes the result only if nobody
    /// wrote in between; on a conflict it re-reads and re-applies. The result must keep every stored decision and only
    /// add new ones (<see cref="ReviewAppendGuard"/>). Runs never call this: only reviewers' saves do.
    /// </summary>
    Task<ReviewRecord> UpdateReviewAsync(
        string documentId,
        Func<ReviewRecord?, ReviewRecord> update,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PageRecord>> GetPagesAsync(string documentId, CancellationToken cancellationToken = default);

    Task UpsertPageAsync(PageRecord page, CancellationToken cancellationToken = default);

    Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunRecord>> GetRunsAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The documents made from the source with content hash <paramref name="sha256"/> (under any schema or version) that a
    /// reviewer has worked on. Called on each new document's first run, so it reads only reviewed documents.
    /// </summary>
    IAsyncEnumerable<DocumentRecord> FindReviewedBySourceAsync(string sha256, CancellationToken cancellationToken = default);

    IAsyncEnumerable<DocumentRecord> ListDocumentsAsync(
        DocumentStatus? status = null,
        CancellationToken cancellationToken = default);
}
