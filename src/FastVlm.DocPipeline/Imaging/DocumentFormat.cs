namespace FastVlm.DocPipeline.Imaging;

/// <summary>What the first bytes of an input say it is (file names are never trusted).</summary>
public enum DocumentFormat
{
    Unknown = 0,
    Pdf,
    Png,
    Jpeg,
    WebP,
    Bmp,
    Gif,

    // Recognised so the error can name them, but not supported.
    Tiff,
    Heif,
    Jpeg2000,
    Ico,
    Zip,
    Text,
}
