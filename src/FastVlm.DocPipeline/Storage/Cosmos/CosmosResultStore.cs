using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// <see cref="IResultStore"/> on one Cosmos DB container partitioned by <c>/documentId</c>: the document item
/// (id = documentId), page items (<c>{documentId}:{page}</c>), run items (<c>{documentId}:run:{runId}</c>) and the review
/// item (<c>{documentId}:review</c>, reviewers' decisions, append-only).
/// Writes are upserts of deterministic ids (idempotent); document updates are etag-guarded read/apply/replace
/// loops. Transient failures are retried (<see cref="CosmosRetryPipeline"/>); what still fails surfaces as
/// <see cref="CosmosStoreException"/> with the item id. The review queue is one query (<see cref="CosmosReviewQueue"/>).
/// </summary>
public sealed class CosmosResultStore : IResultStore, IReviewQueueSource, IDisposable
{
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    private readonly CosmosContainerConnection _connection;
    private readonly ILogger _logger;
    private readonly CosmosReviewQueue _queue;

    public CosmosResultStore(CosmosResultStoreOptions options, ILogger<CosmosResultStore>? logger = null)
        : this(CosmosClientFactory.CreateClient(options ?? throw new ArgumentNullException(nameof(options))), options, logger, ownsClient: true)
    {
    }

    /// <summary>Uses an existing client (shared in a host); the caller keeps ownership of it.</summary>
    public CosmosResultStore(CosmosClient client, CosmosResultStoreOptions options, ILogger<CosmosResultStore>? logger = null)
        : this(client, options, logger, ownsClient: false)
    {
    }

    private CosmosResultStore(CosmosClient client, CosmosResultStoreOptions options, ILogger? logger, bool ownsClient)
    {
        _logger = logger ?? NullLogger.Instance;
        _connection = new CosmosContainerConnection(client, ownsClient, options, _logger);
        _queue = new CosmosReviewQueue(_connection, _logger);
    }

    public Task<ReviewQueue> QueryQueueAsync(ReviewQueueQuery query, DateTime now, CancellationToken cancellationToken = default) =>
        _queue.QueryAsync(query, now, cancellationToken);

    public Task<IReadOnlyList<string>> ListSchemaNamesAsync(CancellationToken cancellationToken = default) =>
        _queue.ListSchemaNamesAsync(cancellationToken);

    /// <summary>Resolves the container, creating database and container first when the options ask for it.</summary>
    public Task<Container> GetContainerAsync(CancellationToken cancellationToken = default) => _connection.GetContainerAsync(cancellationToken);

    public async Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var (document, _) = await ReadAsync<DocumentRecord>(documentId, documentId, cancellationToken).ConfigureAwait(false);
        return document;
    }

    public Task<DocumentRecord> UpdateDocumentAsync(
        string documentId,
        Func<DocumentRecord?, DocumentRecord> update,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentNullException.ThrowIfNull(update);
        return UpdateItemAsync<DocumentRecord>(documentId, documentId, current =>
        {
            var updated = update(current);
            switch (DocumentTransitionGuard.Decide(documentId, current, updated))
            {
                case DocumentTransition.Unchanged:
                    return current!;
                case DocumentTransition.Regression:
                    _logger.LogWarning("Ignored an update that would take completed document {DocumentId} (run {RunId}) back to {Status}.", documentId, current!.RunId, updated.Status);
                    return current;
                default:
                    return DocumentTransitionGuard.ForWrite(updated);
            }
        }, cancellationToken);
    }

    public async Task<ReviewRecord?> GetReviewAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var (review, _) = await ReadAsync<ReviewRecord>(ReviewRecord.MakeId(documentId), documentId, cancellationToken).ConfigureAwait(false);
        return review;
    }

    public Task<ReviewRecord> UpdateReviewAsync(string documentId, Func<ReviewRecord?, ReviewRecord> update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentNullException.ThrowIfNull(update);
        return UpdateItemAsync<ReviewRecord>(ReviewRecord.MakeId(documentId), documentId, current =>
        {
            var updated = update(current);
            if (!ReferenceEquals(updated, current))
            {
                ReviewAppendGuard.Check(documentId, current, updated);
            }

            return updated;
        }, cancellationToken);
    }

    /// <summary>An etag-guarded read/apply/replace loop on one item; <paramref name="update"/> returning its input writes nothing.</summary>
    private async Task<T> UpdateItemAsync<T>(string id, string documentId, Func<T?, T> update, CancellationToken cancellationToken)
        where T : class
    {
        var container = await GetContainerAsync(cancellationToken).ConfigureAwait(false);
        var partitionKey = new PartitionKey(documentId);

        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadAsync<T>(id, documentId, cancellationToken).ConfigureAwait(false);
            var updated = update(current);
            if (ReferenceEquals(updated, current))
            {
                return current!;
            }

            var written = await RunAsync(id, async ct =>
            {
                try
                {
                    if (current is null)
                    {
                        await container.CreateItemAsync(updated, partitionKey, NoContent, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        var options = new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false };
                        await container.ReplaceItemAsync(updated, id, partitionKey, options, ct).ConfigureAwait(false);
                    }

                    return true;
                }
                catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
                {
                    return false;
                }
            }, cancellationToken).ConfigureAwait(false);

            if (written)
            {
                return updated;
            }

            if (attempt >= _connection.Options.MaxConflictRetries)
            {
                throw new CosmosStoreException(
                    CosmosErrorCodes.Conflict,
                    $"Item '{id}' kept changing under {attempt} update attempts; try again.",
                    id, HttpStatusCode.PreconditionFailed, isTransient: true);
            }

            // Contending writers: spread the retries a little so they do not collide again in lockstep.
            await Task.Delay(Random.Shared.Next(0, Math.Min(5 * attempt, 50)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<PageRecord>> GetPagesAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.documentId = @documentId AND c.type = 'page'")
            .WithParameter("@documentId", documentId);
        var pages = new List<PageRecord>();
        await foreach (var page in QueryItemsAsync<PageRecord>(query, new PartitionKey(documentId), cancellationToken).ConfigureAwait(false))
        {
            pages.Add(page);
        }

        pages.Sort((a, b) => a.Page.CompareTo(b.Page));
        return pages;
    }

    public Task UpsertPageAsync(PageRecord page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        return UpsertAsync(page, page.Id, page.DocumentId, cancellationToken);
    }

    public Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return UpsertAsync(run, run.Id, run.DocumentId, cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> GetRunsAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.documentId = @documentId AND c.type = 'run'")
            .WithParameter("@documentId", documentId);
        var runs = new List<RunRecord>();
        await foreach (var run in QueryItemsAsync<RunRecord>(query, new PartitionKey(documentId), cancellationToken).ConfigureAwait(false))
        {
            runs.Add(run);
        }

        runs.Sort((a, b) => a.StartedAt.CompareTo(b.StartedAt));
        return runs;
    }

    public IAsyncEnumerable<DocumentRecord> FindReviewedBySourceAsync(string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.type = 'document' AND c.source.sha256 = @sha256 AND IS_DEFINED(c.review) AND NOT IS_NULL(c.review)").WithParameter("@sha256", sha256);
        return QueryItemsAsync<DocumentRecord>(query, partitionKey: null, cancellationToken);
    }

    public IAsyncEnumerable<DocumentRecord> ListDocumentsAsync(DocumentStatus? status = null, CancellationToken cancellationToken = default)
    {
        var query = status is { } s
            ? new QueryDefinition("SELECT * FROM c WHERE c.type = 'document' AND c.status = @status")
                .WithParameter("@status", JsonSerializer.SerializeToElement(s, ResultJson.Options).GetString())
            : new QueryDefinition("SELECT * FROM c WHERE c.type = 'document'");
        return QueryItemsAsync<DocumentRecord>(query, partitionKey: null, cancellationToken);
    }

    public void Dispose() => _connection.Dispose();

    private async Task<(T? Item, string? ETag)> ReadAsync<T>(string id, string documentId, CancellationToken cancellationToken)
        where T : class
    {
        var container = await GetContainerAsync(cancellationToken).ConfigureAwait(false);
        return await RunAsync(id, async ct =>
        {
            try
            {
                var response = await container.ReadItemAsync<T>(id, new PartitionKey(documentId), cancellationToken: ct).ConfigureAwait(false);
                return (response.Resource, response.ETag);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound && e.SubStatusCode == 0)
            {
                return ((T?)null, (string?)null);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpsertAsync<T>(T item, string id, string documentId, CancellationToken cancellationToken)
    {
        var container = await GetContainerAsync(cancellationToken).ConfigureAwait(false);
        await RunAsync(id, ct => container.UpsertItemAsync(item, new PartitionKey(documentId), NoContent, ct), cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<T> QueryItemsAsync<T>(
        QueryDefinition query,
        PartitionKey? partitionKey,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var container = await GetContainerAsync(cancellationToken).ConfigureAwait(false);
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: new QueryRequestOptions { PartitionKey = partitionKey });
        while (iterator.HasMoreResults)
        {
            var response = await RunAsync(null, ct => iterator.ReadNextAsync(ct), cancellationToken).ConfigureAwait(false);
            foreach (var item in response)
            {
                yield return item;
            }
        }
    }

    private Task<T> RunAsync<T>(string? itemId, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        _connection.RunAsync(itemId, operation, cancellationToken);
}
