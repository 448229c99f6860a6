using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// Page PNGs under a folder: <c>{root}/{documentId}/page-0001.png</c>, text layers beside them as
/// <c>page-0001.text.json</c> (atomic writes).
/// </summary>
public sealed class FilePageImageStore : IPageImageStore
{
    public FilePageImageStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    private string Root { get; }

    public async Task<string> SavePageImageAsync(string documentId, int page, ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default)
    {
        var name = IPageImageStore.MakeName(documentId, page);
        await AtomicFile.WriteAsync(PathOf(name), png, cancellationToken).ConfigureAwait(false);
        return name;
    }

    public Task<Stream> OpenPageImageAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new DocPipelineException("store.page_image_missing", $"Page image {path} does not exist; run the document again with --force to render it.");
        }

        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous));
    }

    public async Task SavePageTextAsync(string documentId, int page, PageText text, CancellationToken cancellationToken = default)
    {
        var name = IPageImageStore.MakeTextName(documentId, page);
        await AtomicFile.WriteAsync(PathOf(name), PageTextJson.Serialize(text), cancellationToken).ConfigureAwait(false);
    }

    public async Task<PageText?> GetPageTextAsync(string documentId, int page, CancellationToken cancellationToken = default)
    {
        var name = IPageImageStore.MakeTextName(documentId, page);
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return null;
        }

        var json = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return PageTextJson.Deserialize(json, name);
    }

    /// <summary>The file of a page image name; names that would leave the root are refused.</summary>
    internal string PathOf(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.GetFullPath(Path.Combine(Root, name));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Page image name '{name}' points outside {Root}.", nameof(name));
        }

        return path;
    }
}
