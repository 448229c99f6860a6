using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// <see cref="IResultStore"/> on one Cosmos DB container partitioned by <c>/documentId</c>: the document item
/// (id = documentId), page items (<c>{documentId}:{page}</c>) and run items (<c>{documentId}:run:{runId}</c>).
/// Writes are upserts of deterministic ids (idempotent); document updates are etag-guarded read/apply/replace
/// loops. Throttling, unavailability and timeouts are retried (the SDK's retries, then a Polly pipeline);
/// what still fails surfaces as <see cref="CosmosStoreException"/> with the item id.
/// </summary>
public sealed class CosmosResultStore : IResultStore, IDisposable
{
    private readonly CosmosClient? _ownedClient;
    private readonly CosmosClient _client;
    private readonly CosmosResultStoreOptions _options;
    private readonly ResiliencePipeline _transient;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private Container? _container;

    public CosmosResultStore(CosmosResultStoreOptions options, ILogger<CosmosResultStore>? logger = null)
        : this(CreateClient(options), options, logger, ownsClient: true)
    {
    }

    /// <summary>Uses an existing client (shared in a host); the caller keeps ownership of it.</summary>
    public CosmosResultStore(CosmosClient client, CosmosResultStoreOptions options, ILogger<CosmosResultStore>? logger = null)
        : this(client, options, logger, ownsClient: false)
    {
    }

    private CosmosResultStore(CosmosClient client, CosmosResultStoreOptions options, ILogger? logger, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _ownedClient = ownsClient ? client : null;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _transient = CreateTransientPipeline(options, _logger);
    }

    /// <summary>Builds a client configured as the store expects (System.Text.Json, retries, local-server mode).</summary>
    public static CosmosClient CreateClient(CosmosResultStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "docpipe",
            ConnectionMode = options.ConnectionMode,
            Serializer = new SystemTextJsonCosmosSerializer(ResultJson.Options),
            RequestTimeout = options.RequestTimeout,
            MaxRetryAttemptsOnRateLimitedRequests = 9,
            MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(30),
        };
        if (options.AcceptSelfSignedCertificate)
        {
            clientOptions.LimitToEndpoint = true;
            clientOptions.ServerCertificateCustomValidationCallback = (_, _, _) => true;
        }

        var endpoint = options.Endpoint.ToString();
        return options.Key is { Length: > 0 } key
            ? new CosmosClient(endpoint, key, clientOptions)
            : new CosmosClient(endpoint, options.Credential ?? new Azure.Identity.DefaultAzureCredential(), clientOptions);
    }

    /// <summary>Resolves the container, creating database and container first when the options ask for it.</summary>
    public async Task<Container> GetContainerAsync(CancellationToken cancellationToken = default)
    {
        if (_container is { } ready)
        {
            return ready;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_container is null)
            {
                _container = _options.CreateIfNotExists
                    ? await RunAsync(null, async ct =>
                    {
                        Database database = await _client.CreateDatabaseIfNotExistsAsync(_options.DatabaseName, cancellationToken: ct).ConfigureAwait(false);
                        var properties = new ContainerProperties(_options.ContainerName, "/documentId");
                        ContainerResponse response = await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: ct).ConfigureAwait(false);
                        return response.Container;
                    }, cancellationToken).ConfigureAwait(false)
                    : _client.GetContainer(_options.DatabaseName, _options.ContainerName);
            }

            return _container;
        }
        finally
        {
            _initLock.Release();
        }
    }

    public async Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var (document, _) = await ReadAsync<DocumentRecord>(documentId, documentId, cancellationToken).ConfigureAwait(false);
        return document;
    }

    public async Task<DocumentRecord> UpdateDocumentAsync(
        string documentId,
        Func<DocumentRecord?, DocumentRecord> update,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentNullException.ThrowIfNull(update);
        var container = await GetContainerAsync(cancellationToken).ConfigureAwait(false);
        var partitionKey = new PartitionKey(documentId);

        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadAsync<DocumentRecord>(documentId, documentId, cancellationToken).ConfigureAwait(false);
            var updated = update(current);
            switch (DocumentTransitionGuard.Decide(documentId, current, updated))
            {
                case DocumentTransition.Unchanged:
                    return current!;
                case DocumentTransition.Regression:
                    _logger.LogWarning("Ignored an update that would take completed document {DocumentId} (run {RunId}) back to {Status}.", documentId, current!.RunId, updated.Status);
                    return current;
            }

            var written = await RunAsync(documentId, async ct =>
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
                        await container.ReplaceItemAsync(updated, documentId, partitionKey, options, ct).ConfigureAwait(false);
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

            if (attempt >= _options.MaxConflictRetries)
            {
                throw new CosmosStoreException(
                    CosmosErrorCodes.Conflict,
                    $"Document '{documentId}' kept changing under {attempt} update attempts; try again.",
                    documentId, HttpStatusCode.PreconditionFailed, isTransient: true);
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

    public IAsyncEnumerable<DocumentRecord> ListDocumentsAsync(DocumentStatus? status = null, CancellationToken cancellationToken = default)
    {
        var query = status is { } s
            ? new QueryDefinition("SELECT * FROM c WHERE c.type = 'document' AND c.status = @status")
                .WithParameter("@status", JsonSerializer.SerializeToElement(s, ResultJson.Options).GetString())
            : new QueryDefinition("SELECT * FROM c WHERE c.type = 'document'");
        return QueryItemsAsync<DocumentRecord>(query, partitionKey: null, cancellationToken);
    }

    /// <summary>
    /// Runs any Cosmos SQL query over the container (cross-partition) and returns it page by page with the
    /// continuation token of each page, so a caller can stop and resume.
    /// </summary>
    public IAsyncEnumerable<CosmosQueryPage> QueryPagesAsync(
        string sql,
        int? pageSize = null,
        string? continuationToken = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return QueryPagesAsync(new QueryDefinition(sql), pageSize, continuationToken, cancellationToken);
    }

    /// <inheritdoc cref="QueryPagesAsync(string, int?, string?, CancellationToken)"/>
    public async IAsyncEnumerable<CosmosQueryPage> QueryPagesAsync(
        QueryDefinition query,
        int? pageSize = null,
        string? continuationToken = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var container = await GetContainerAsync(cancellationToken).ConfigureAwait(false);
        using var iterator = container.GetItemQueryIterator<JsonElement>(
            query, continuationToken, new QueryRequestOptions { MaxItemCount = pageSize });
        while (iterator.HasMoreResults)
        {
            var response = await RunAsync(null, ct => iterator.ReadNextAsync(ct), cancellationToken).ConfigureAwait(false);
            yield return new CosmosQueryPage([.. response], response.ContinuationToken, response.RequestCharge);
        }
    }

    public void Dispose()
    {
        _ownedClient?.Dispose();
        _initLock.Dispose();
    }

    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

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

    private async Task<T> RunAsync<T>(string? itemId, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _transient.ExecuteAsync(async ct => await operation(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (CosmosFailures.Translate(e, itemId, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    private static ResiliencePipeline CreateTransientPipeline(CosmosResultStoreOptions options, ILogger logger)
    {
        if (options.MaxTransientRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxTransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.TransientRetryDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && CosmosFailures.IsTransient(e, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is CosmosException { RetryAfter: { } retryAfter } && retryAfter > TimeSpan.Zero
                        ? (TimeSpan?)retryAfter
                        : null),
                OnRetry = args =>
                {
                    logger.LogWarning("Cosmos DB operation failed transiently ({Error}); retry {Attempt} in {Delay}.",
                        args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
