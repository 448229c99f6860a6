using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>
/// Checkpoints of the local ingestion host, one small JSON blob per incoming blob in a state container
/// (<c>docpipe-state/serve/{incoming container}/{blob name}.json</c>). Written only when a blob reached a final
/// state, so a blob half done when the process died has none and is picked up again on the next start.
/// </summary>
public sealed class IngestCheckpointStore
{
    private readonly BlobContainerClient _state;
    private readonly string _prefix;
    private Task? _created;

    public IngestCheckpointStore(BlobServiceClient service, string incomingContainer, string stateContainer = "docpipe-state")
    {
        ArgumentNullException.ThrowIfNull(service);
        _state = service.GetBlobContainerClient(stateContainer);
        _prefix = $"serve/{incomingContainer}/";
    }

    public async Task<IReadOnlyDictionary<string, IngestCheckpoint>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, IngestCheckpoint>(StringComparer.Ordinal);
        try
        {
            await foreach (var item in _state.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix, cancellationToken).ConfigureAwait(false))
            {
                var content = await _state.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                var checkpoint = JsonSerializer.Deserialize<IngestCheckpoint>(content.Value.Content.ToMemory().Span, ResultJson.Options);
                if (checkpoint is not null)
                {
                    result[checkpoint.BlobName] = checkpoint;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No state container yet: nothing was processed.
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, _state.Name, _prefix);
        }

        return result;
    }

    public async Task WriteAsync(IngestCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var name = _prefix + checkpoint.BlobName + ".json";
        try
        {
            var created = _created;
            if (created is null || created.IsFaulted || created.IsCanceled)
            {
                _created = created = _state.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }

            await created.ConfigureAwait(false);
            var json = JsonSerializer.SerializeToUtf8Bytes(checkpoint, ResultJson.Options);
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
            await _state.GetBlobClient(name).UploadAsync(new BinaryData(json), options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, _state.Name, name);
        }
    }
}
