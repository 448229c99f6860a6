using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Rasterization;

/// <summary>Stable error codes of the rasterisation layer (stored with failed documents).</summary>
public static class RasterizationErrorCodes
{
    public const string Encrypted = "pdf.encrypted";
    public const string WrongPassword = "pdf.wrong_password";
    public const string Corrupt = "pdf.corrupt";
    public const string NoPages = "pdf.no_pages";
    public const string TooManyPages = "pdf.too_many_pages";
    public const string TooLarge = "input.too_large";
    public const string Empty = ImagingErrorCodes.Empty;
    public const string UnsupportedFormat = ImagingErrorCodes.UnsupportedFormat;
    public const string CorruptImage = ImagingErrorCodes.CorruptImage;
    public const string ImageTooLarge = ImagingErrorCodes.ImageTooLarge;
    public const string PageTooLarge = "pdf.page_too_large";
    public const string Timeout = "input.timeout";
    public const string NativeLibraryMissing = "pdfium.missing";
}
