namespace FastVlm.DocPipeline.Contracts.Ports;

/// <summary>Where rendered page PNGs are kept for review: a folder locally, the <c>pages</c> container in Azure.</summary>
public interface IPageImageStore
{
    /// <summary>Saves <paramref name="png"/> as <c>{documentId}/page-0001.png</c> and returns that name.</summary>
    Task<string> SavePageImageAsync(string documentId, int page, ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default);

    Task<Stream> OpenPageImageAsync(string name, CancellationToken cancellationToken = default);

    static string MakeName(string documentId, int page) => $"{documentId}/page-{page:D4}.png";
}
