using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>
/// Creates the Azure Storage clients described by <see cref="BlobStorageOptions"/>, after checking what can be
/// checked without a request: the connection string (and its key) parses, and the container names are valid.
/// </summary>
public static class BlobClients
{
    public static BlobServiceClient CreateBlobServiceClient(BlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        BlobNames.Require(options.IncomingContainer, "incoming container");
        BlobNames.Require(options.PagesContainer, "pages container");
        BlobNames.Require(options.ResultsContainer, "results container");
        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            return Parse(() => new BlobServiceClient(connectionString));
        }

        var uri = options.ServiceUri
            ?? throw new ArgumentException("Set either ConnectionString or ServiceUri in the storage options.", nameof(options));
        return new BlobServiceClient(uri, options.Credential ?? new DefaultAzureCredential());
    }

    /// <summary>
    /// A queue service client on the same account (queue endpoint derived from the blob endpoint in Azure). Bodies are
    /// read as sent (the reader decides between Base64 and plain text).
    /// </summary>
    public static QueueServiceClient CreateQueueServiceClient(BlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            return Parse(() => new QueueServiceClient(connectionString, queueOptions));
        }

        var uri = options.ServiceUri
            ?? throw new ArgumentException("Set either ConnectionString or ServiceUri in the storage options.", nameof(options));
        var queueUri = new Uri(uri.ToString().Replace(".blob.", ".queue.", StringComparison.OrdinalIgnoreCase));
        return new QueueServiceClient(queueUri, options.Credential ?? new DefaultAzureCredential(), queueOptions);
    }

    private static T Parse<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException or InvalidOperationException)
        {
            throw new BlobConfigurationException(BlobErrorCodes.InvalidConnectionString,
                $"The storage connection string cannot be used ({e.Message.TrimEnd('.')}): give UseDevelopmentStorage=true, " +
                "DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net (the key as the portal shows it), " +
                "or a blob endpoint https://ACCOUNT.blob.core.windows.net.", e);
        }
    }
}
