using Azure;
using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>
/// Reads input documents from a blob container (<c>incoming</c> by default). The content streams from one
/// download (never whole in memory); its etag and size come from that same response, and the SHA-256 is
/// computed while it is read (<see cref="Sha256ReadStream"/>; see <see cref="SourceDocument.Content"/>).
/// </summary>
public sealed class BlobDocumentSource : IDocumentSource
{
    private readonly BlobContainerClient _container;

    public BlobDocumentSource(BlobServiceClient service, BlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _container = service.GetBlobContainerClient(options.IncomingContainer);
    }

    public string ContainerName => _container.Name;

    public async Task<SourceDocument> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            var response = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var details = response.Value.Details;
            var info = new SourceInfo(_container.Name, name, details.ETag.ToString(), Sha256: "", details.ContentLength);
            return new SourceDocument(info, new Sha256ReadStream(response.Value.Content));
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, _container.Name, name);
        }
    }

    /// <summary>Streams the blob once to compute its SHA-256 (lowercase hex), with the etag it had.</summary>
    public async Task<(string Sha256, string ETag, long Size)> ComputeSha256Async(string name, CancellationToken cancellationToken = default)
    {
        using var document = await OpenAsync(name, cancellationToken).ConfigureAwait(false);
        var stream = (Sha256ReadStream)document.Content;
        var buffer = new byte[81920];
        while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }

        return (stream.Sha256!, document.Info.ETag!, stream.BytesRead);
    }
}
