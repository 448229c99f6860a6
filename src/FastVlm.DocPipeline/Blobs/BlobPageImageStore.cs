using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>
/// Page PNGs in the <c>pages</c> container as <c>{documentId}/page-0001.png</c>, text layers beside them as
/// <c>page-0001.text.json</c> (overwritten on re-runs).
/// </summary>
public sealed class BlobPageImageStore : IPageImageStore
{
    private readonly BlobContainerClient _container;
    private readonly bool _createIfMissing;
    private Task? _created;

    public BlobPageImageStore(BlobServiceClient service, BlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _container = service.GetBlobContainerClient(options.PagesContainer);
        _createIfMissing = options.CreateContainersIfMissing;
    }

    public async Task<string> SavePageImageAsync(string documentId, int page, ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page);
        var name = IPageImageStore.MakeName(documentId, page);
        try
        {
            await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } };
            await _container.GetBlobClient(name).UploadAsync(new BinaryData(png), options, cancellationToken).ConfigureAwait(false);
            return name;
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, _container.Name, name);
        }
    }

    public async Task<Stream> OpenPageImageAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            var response = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, _container.Name, name);
        }
    }

    public async Task SavePageTextAsync(string documentId, int page, PageText text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page);
        var name = IPageImageStore.MakeTextName(documentId, page);
        var json = PageTextJson.Serialize(text);
        try
        {
            await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = PageTextJson.ContentType } };
            await _container.GetBlobClient(name).UploadAsync(new BinaryData(json), options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, _container.Name, name);
        }
    }

    public async Task<PageText?> GetPageTextAsync(string documentId, int page, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page);
        var name = IPageImageStore.MakeTextName(documentId, page);
        try
        {
            var response = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return PageTextJson.Deserialize(response.Value.Content.ToMemory().Span, name);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, _container.Name, name);
        }
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_createIfMissing)
        {
            return Task.CompletedTask;
        }

        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = created;
        }

        return created;
    }
}
