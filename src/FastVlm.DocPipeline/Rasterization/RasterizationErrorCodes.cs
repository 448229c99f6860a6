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
    public const string Empty = "input.empty";
    public const string UnsupportedFormat = "input.unsupported_format";
    public const string CorruptImage = "image.corrupt";
    public const string ImageTooLarge = "image.too_large";
    public const string PageTooLarge = "pdf.page_too_large";
    public const string Timeout = "input.timeout";
    public const string NativeLibraryMissing = "pdfium.missing";
}
