using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.Azure.Cosmos;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// Creates the <see cref="CosmosClient"/> the store and the query reader expect (System.Text.Json, Gateway or
/// Direct, local-server mode) and provisions the database and container when the options ask for it.
/// </summary>
public static class CosmosClientFactory
{
    private const string PartitionKeyPath = "/documentId";

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

    /// <summary>The results container; with <see cref="CosmosResultStoreOptions.CreateIfNotExists"/> the database and container are created first when missing.</summary>
    public static async Task<Container> OpenContainerAsync(CosmosClient client, CosmosResultStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.CreateIfNotExists)
        {
            return client.GetContainer(options.DatabaseName, options.ContainerName);
        }

        Database database = await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
        var properties = new ContainerProperties(options.ContainerName, PartitionKeyPath);
        ContainerResponse response = await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Container;
    }
}
