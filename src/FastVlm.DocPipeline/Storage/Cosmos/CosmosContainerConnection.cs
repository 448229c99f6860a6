using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// The results container as the store and the query reader use it: resolved (and provisioned) once on first use,
/// every operation run through the <see cref="CosmosRetryPipeline"/>. Disposes the client only when it created it.
/// </summary>
internal sealed class CosmosContainerConnection : IDisposable
{
    private readonly CosmosClient _client;
    private readonly bool _ownsClient;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private Container? _container;

    public CosmosContainerConnection(CosmosClient client, bool ownsClient, CosmosResultStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _ownsClient = ownsClient;
        Options = options;
        Retry = new CosmosRetryPipeline(options, logger);
    }

    public CosmosResultStoreOptions Options { get; }

    public CosmosRetryPipeline Retry { get; }

    public async Task<Container> GetContainerAsync(CancellationToken cancellationToken)
    {
        if (_container is { } ready)
        {
            return ready;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _container ??= await Retry.RunAsync(
                null, ct => CosmosClientFactory.OpenContainerAsync(_client, Options, ct), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>
    /// Runs one operation. With <see cref="CosmosResultStoreOptions.CreateIfNotExists"/>, a database or container
    /// that vanished after it was resolved is provisioned again and the operation tried once more.
    /// </summary>
    public async Task<T> RunAsync<T>(string? itemId, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await Retry.RunAsync(itemId, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (CosmosStoreException e) when (e.Code == CosmosErrorCodes.NotFound && Options.CreateIfNotExists)
        {
            await Retry.RunAsync(null, ct => CosmosClientFactory.OpenContainerAsync(_client, Options, ct), cancellationToken).ConfigureAwait(false);
            return await Retry.RunAsync(itemId, operation, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }

        _initLock.Dispose();
    }
}
