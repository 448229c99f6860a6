namespace FastVlm.DocPipeline.Rasterization;

/// <summary>An opened document; owns native handles, so dispose it.</summary>
public interface IRasterDocument : IDisposable
{
    /// <summary><c>pdf</c>, <c>png</c>, <c>jpeg</c>, <c>webp</c>, <c>bmp</c> or <c>gif</c>.</summary>
    string Format { get; }

    int PageCount { get; }

    /// <summary>Renders one page (0-based index).</summary>
    Task<RasterizedPage> RenderPageAsync(int pageIndex, CancellationToken cancellationToken = default);
}
