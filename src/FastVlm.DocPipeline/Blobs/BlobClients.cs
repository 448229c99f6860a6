using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>Creates the Azure Storage clients described by <see cref="BlobStorageOptions"/>.</summary>
public static class BlobClients
{
    public static BlobServiceClient CreateBlobServiceClient(BlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            return new BlobServiceClient(connectionString);
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
            return new QueueServiceClient(connectionString, queueOptions);
        }

        var uri = options.ServiceUri
            ?? throw new ArgumentException("Set either ConnectionString or ServiceUri in the storage options.", nameof(options));
        var queueUri = new Uri(uri.ToString().Replace(".blob.", ".queue.", StringComparison.OrdinalIgnoreCase));
        return new QueueServiceClient(queueUri, options.Credential ?? new DefaultAzureCredential(), queueOptions);
    }
}
