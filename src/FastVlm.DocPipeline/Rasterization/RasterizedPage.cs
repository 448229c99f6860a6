using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Rasterization;

/// <summary>
/// One rendered page: RGB pixels for the model plus what a reviewer needs to know about it. <see cref="Text"/> is the
/// page's own text layer in the image's pixels; null for images and pages without text (scans).
/// </summary>
public sealed record RasterizedPage(
    int PageIndex,
    RgbImage Image,
    double WidthPoints,
    double HeightPoints,
    int RotationDegrees,
    bool HasTextLayer,
    TimeSpan RenderTime,
    PageText? Text = null)
{
    /// <summary>1-based page number, as people count.</summary>
    public int PageNumber => PageIndex + 1;
}
