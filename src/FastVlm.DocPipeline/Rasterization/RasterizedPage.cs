using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Rasterization;

/// <summary>One rendered page: RGB pixels for the model plus what a reviewer needs to know about it.</summary>
public sealed record RasterizedPage(
    int PageIndex,
    RgbImage Image,
    double WidthPoints,
    double HeightPoints,
    int RotationDegrees,
    bool HasTextLayer,
    TimeSpan RenderTime)
{
    /// <summary>1-based page number, as people count.</summary>
    public int PageNumber => PageIndex + 1;
}
