using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Contracts.Ports;

/// <summary>
/// Where rendered page PNGs are kept for review: a folder locally, the <c>pages</c> container in Azure. A page's text
/// layer, when it has one, is kept beside its PNG as <c>page-0001.text.json</c>.
/// </summary>
public interface IPageImageStore
{
    /// <summary>Saves <paramref name="png"/> as <c>{documentId}/page-0001.png</c> and returns that name.</summary>
    Task<string> SavePageImageAsync(string documentId, int page, ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default);

    Task<Stream> OpenPageImageAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Saves the page's text layer as <c>{documentId}/page-0001.text.json</c>.</summary>
    Task SavePageTextAsync(string documentId, int page, PageText text, CancellationToken cancellationToken = default);

    /// <summary>The page's stored text layer; null when it has none (a scan, an image, never rendered).</summary>
    Task<PageText?> GetPageTextAsync(string documentId, int page, CancellationToken cancellationToken = default);

    static string MakeName(string documentId, int page) => $"{documentId}/page-{page:D4}.png";

    static string MakeTextName(string documentId, int page) => $"{documentId}/page-{page:D4}.text.json";
}
