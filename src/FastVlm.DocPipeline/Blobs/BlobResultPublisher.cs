using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>Optional copy of each finished result as JSON in the <c>results</c> container: <c>{documentId}.json</c>.</summary>
public sealed class BlobResultPublisher
{
    private readonly BlobContainerClient _container;
    private readonly bool _createIfMissing;

    public BlobResultPublisher(BlobServiceClient service, BlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _container = service.GetBlobContainerClient(options.ResultsContainer);
        _createIfMissing = options.CreateContainersIfMissing;
    }

    internal static string MakeName(string documentId) => $"{documentId}.json";

    /// <summary>Writes (or overwrites) the document's result with its pages; returns the blob name.</summary>
    public async Task<string> PublishAsync(DocumentRecord document, IReadOnlyList<PageRecord> pages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pages);
        var name = MakeName(document.DocumentId);
        try
        {
            if (_createIfMissing)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var json = JsonSerializer.SerializeToUtf8Bytes(new { document, pages }, ResultJson.Options);
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
            await _container.GetBlobClient(name).UploadAsync(new BinaryData(json), options, cancellationToken).ConfigureAwait(false);
            return name;
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, _container.Name, name);
        }
    }
}
