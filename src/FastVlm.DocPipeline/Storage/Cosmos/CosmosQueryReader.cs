using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// Runs any Cosmos SQL query over the results container (cross-partition) and returns it page by page with each
/// page's continuation token, so a caller (<c>docpipe query</c>) can stop and resume.
/// </summary>
public sealed class CosmosQueryReader : IDisposable
{
    private readonly CosmosContainerConnection _connection;

    public CosmosQueryReader(CosmosResultStoreOptions options, ILogger<CosmosQueryReader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = new CosmosContainerConnection(CosmosClientFactory.CreateClient(options), ownsClient: true, options, logger ?? (ILogger)NullLogger.Instance);
    }

    internal IAsyncEnumerable<CosmosQueryPage> QueryPagesAsync(
        string sql,
        int? pageSize = null,
        string? continuationToken = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return QueryPagesAsync(new QueryDefinition(sql), pageSize, continuationToken, cancellationToken);
    }

    /// <summary>Runs <paramref name="query"/> page by page (at most <paramref name="pageSize"/> items each), from <paramref name="continuationToken"/> when given.</summary>
    public async IAsyncEnumerable<CosmosQueryPage> QueryPagesAsync(
        QueryDefinition query,
        int? pageSize = null,
        string? continuationToken = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var container = await _connection.GetContainerAsync(cancellationToken).ConfigureAwait(false);
        using var iterator = container.GetItemQueryIterator<JsonElement>(
            query, continuationToken, new QueryRequestOptions { MaxItemCount = pageSize });
        while (iterator.HasMoreResults)
        {
            var response = await _connection.RunAsync(null, ct => iterator.ReadNextAsync(ct), cancellationToken).ConfigureAwait(false);
            yield return new CosmosQueryPage([.. response], response.ContinuationToken, response.RequestCharge);
        }
    }

    public void Dispose() => _connection.Dispose();
}
