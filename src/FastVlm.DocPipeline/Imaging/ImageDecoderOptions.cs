namespace FastVlm.DocPipeline.Imaging;

/// <summary>Size and safety limits for <see cref="ImageDecoder"/>.</summary>
public sealed class ImageDecoderOptions
{
    /// <summary>Longest side of the decoded image after orientation; <c>null</c> keeps the encoded size.</summary>
    public int? TargetLongestSide { get; set; }

    /// <summary>
    /// Images whose header declares more pixels than this are refused before decoding (<c>image.too_large</c>).
    /// Default 100 megapixels: an A3 page scanned at 600 dpi is about 70.
    /// </summary>
    public long MaxSourcePixels { get; set; } = 100_000_000;

    /// <summary>Exact output size (after orientation); set by the rasteriser, which also caps total pixels.</summary>
    internal (int Width, int Height)? TargetSize { get; set; }
}
