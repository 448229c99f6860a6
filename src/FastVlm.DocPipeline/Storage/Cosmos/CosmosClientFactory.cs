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

    /// <summary>
    /// Throws <see cref="CosmosStoreException"/> when the key is not an account key (Base64), or when a local
    /// endpoint (localhost, a loopback address) has neither key nor credential: a local server takes no Azure
    /// sign-in, and trying one would probe the cloud metadata service.
    /// </summary>
    public static CosmosClient CreateClient(CosmosResultStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Key is { Length: > 0 } given && !Convert.TryFromBase64String(given, new byte[given.Length], out _))
        {
            throw new CosmosStoreException(CosmosErrorCodes.InvalidKey,
                "The Cosmos DB key is not an account key (those are Base64, e.g. 88 characters ending in '=='): copy the primary key from the account's Keys page, or give no key to sign in with Azure.",
                null, null, isTransient: false);
        }

        if (options.Key is not { Length: > 0 } && options.Credential is null && options.Endpoint.IsLoopback)
        {
            throw new CosmosStoreException(CosmosErrorCodes.NoCredential,
                $"No key was given for the local Cosmos DB endpoint {options.Endpoint}: pass its key (docpipe: --cosmos-key or $DOCPIPE_COSMOS_KEY; the emulator's is in its documentation). Local endpoints never use an Azure sign-in.",
                null, null, isTransient: false);
        }
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
        properties.IndexingPolicy.CompositeIndexes.Add(CosmosReviewQueue.OrderIndex());
        ContainerResponse response = await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Container;
    }
}
