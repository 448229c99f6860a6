using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Functions.Schemas;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// A PDF lands in <c>incoming</c> → its document orchestration starts, with the default schema for the blob's
/// prefix. Event Grid source: the only blob trigger kind that scales on Container Apps (the subscription is
/// created by scripts/post-deploy.sh). Poison handling: a blob that vanished or changed while being read is
/// skipped (a newer event follows), an empty one is recorded as a failed document; anything else is rethrown,
/// retried by the host up to host.json's <c>poisonBlobThreshold</c> and then parked on the
/// <c>webjobs-blobtrigger-poison</c> queue.
/// </summary>
public sealed class IncomingDocumentTrigger(DocumentStarter starter, DefaultSchemas defaults, ILogger<IncomingDocumentTrigger> logger)
{
    public const string Name = "IncomingDocumentTrigger";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger(SettingNames.IncomingBlobPath, Source = BlobTriggerSource.EventGrid, Connection = SettingNames.DocumentStorageConnection)] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            await starter.StartAsync(client, name, defaults.For(name), force: false, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException e) when (e.Code is BlobErrorCodes.NotFound or BlobErrorCodes.Changed)
        {
            logger.LogWarning("Skipped {Container}/{Blob}: {Code} {Message}", blob.BlobContainerName, name, e.Code, e.Message);
        }
    }
}
