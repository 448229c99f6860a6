using System.Runtime.CompilerServices;

namespace FastVlm.DocPipeline.Rasterization;

/// <summary>Streams pages one at a time, so memory stays flat however long the document is.</summary>
public static class RasterDocumentExtensions
{
    /// <param name="pageIndexes">0-based pages to render, in order; <c>null</c> for all.</param>
    public static async IAsyncEnumerable<RasterizedPage> RenderPagesAsync(
        this IRasterDocument document,
        IEnumerable<int>? pageIndexes = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var index in pageIndexes ?? Enumerable.Range(0, document.PageCount))
        {
            yield return await document.RenderPageAsync(index, cancellationToken).ConfigureAwait(false);
        }
    }
}
