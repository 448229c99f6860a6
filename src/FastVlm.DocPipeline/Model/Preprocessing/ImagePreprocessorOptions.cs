namespace FastVlm.DocPipeline.Model.Preprocessing;

/// <summary>Options of <see cref="ImagePreprocessor"/>.</summary>
public sealed class ImagePreprocessorOptions
{
    /// <summary>Pad to square (default, as trained) or shortest-edge resize + centre crop (transformers.js).</summary>
    public ImageResizeMode Mode { get; set; } = ImageResizeMode.Pad;

    /// <summary>
    /// Largest accepted input in pixels (width × height); bigger images are rejected with
    /// <c>image.too_large</c> instead of exhausting memory. Default 100 megapixels.
    /// </summary>
    public long MaxInputPixels { get; set; } = 100_000_000;
}
