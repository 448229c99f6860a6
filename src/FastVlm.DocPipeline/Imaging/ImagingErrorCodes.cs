namespace FastVlm.DocPipeline.Imaging;

/// <summary>Stable error codes of the imaging layer (stored with failed documents).</summary>
public static class ImagingErrorCodes
{
    public const string Empty = "input.empty";
    public const string UnsupportedFormat = "input.unsupported_format";
    public const string CorruptImage = "image.corrupt";
    public const string ImageTooLarge = "image.too_large";
}
