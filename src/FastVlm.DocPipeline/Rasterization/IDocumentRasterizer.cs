namespace FastVlm.DocPipeline.Rasterization;

/// <summary>
/// Turns a PDF or an image file into pages at model resolution. Opening reads just enough to know
/// the page count (limits are checked before any page is rendered); pages render one at a time.
/// </summary>
public interface IDocumentRasterizer
{
    /// <exception cref="RasterizationException">The input is unsupported, hostile or over a limit (see its <c>Code</c>).</exception>
    Task<IRasterDocument> OpenAsync(
        Stream content,
        string? fileName = null,
        RasterizationOptions? options = null,
        CancellationToken cancellationToken = default);
}
