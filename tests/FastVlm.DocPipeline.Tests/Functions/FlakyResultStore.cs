using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// A real store whose first page or run writes fail transiently, as a throttled Cosmos would: page writes
/// fail before writing, run writes after writing (the activity did its work, then lost the reply).
/// </summary>
internal sealed class FlakyResultStore(IResultStore inner) : IResultStore
{
    private int _pageFailures;
    private int _runFailuresAfterWrite;

    public int PageWritesToFail { get => _pageFailures; init => _pageFailures = value; }

    public int RunWritesToFailAfterWriting { get => _runFailuresAfterWrite; init => _runFailuresAfterWrite = value; }

    public Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetDocumentAsync(documentId, cancellationToken);

    public Task<DocumentRecord> UpdateDocumentAsync(string documentId, Func<DocumentRecord?, DocumentRecord> update, CancellationToken cancellationToken = default) =>
        inner.UpdateDocumentAsync(documentId, update, cancellationToken);

    public Task<IReadOnlyList<PageRecord>> GetPagesAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetPagesAsync(documentId, cancellationToken);

    public Task UpsertPageAsync(PageRecord page, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref _pageFailures) >= 0
            ? throw new TransientTestException($"store throttled writing page {page.Page}")
            : inner.UpsertPageAsync(page, cancellationToken);

    public async Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        await inner.UpsertRunAsync(run, cancellationToken);
        if (Interlocked.Decrement(ref _runFailuresAfterWrite) >= 0)
        {
            throw new TransientTestException($"store connection lost after writing run {run.RunId}");
        }
    }

    public IAsyncEnumerable<DocumentRecord> FindReviewedBySourceAsync(string sha256, CancellationToken cancellationToken = default) => inner.FindReviewedBySourceAsync(sha256, cancellationToken);

    public Task<ReviewRecord?> GetReviewAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetReviewAsync(documentId, cancellationToken);

    public Task<ReviewRecord> UpdateReviewAsync(string documentId, Func<ReviewRecord?, ReviewRecord> update, CancellationToken cancellationToken = default) =>
        inner.UpdateReviewAsync(documentId, update, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetRunsAsync(documentId, cancellationToken);

    public IAsyncEnumerable<DocumentRecord> ListDocumentsAsync(DocumentStatus? status = null, CancellationToken cancellationToken = default) =>
        inner.ListDocumentsAsync(status, cancellationToken);
}
