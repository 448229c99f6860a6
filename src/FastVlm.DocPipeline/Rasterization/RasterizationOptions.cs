namespace FastVlm.DocPipeline.Rasterization;

/// <summary>Render size and the limits that keep hostile input from hurting the process.</summary>
public sealed class RasterizationOptions
{
    /// <summary>Longest side of a rendered page in pixels (the model's image size; 1024 for FastVLM-0.5B).</summary>
    public int TargetLongestSide { get; set; } = 1024;

    /// <summary>Password for encrypted PDFs.</summary>
    public string? Password { get; set; }

    /// <summary>Documents with more pages are refused before any work (<c>pdf.too_many_pages</c>).</summary>
    public int MaxPageCount { get; set; } = 2000;

    /// <summary>Inputs larger than this are refused (<c>input.too_large</c>). Default 512 MiB.</summary>
    public long MaxInputBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Upper bound on pixels of one rendered page, whatever the target size.</summary>
    public long MaxPixelsPerPage { get; set; } = 4096L * 4096;

    /// <summary>Time budget for one document (open plus every page render).</summary>
    public TimeSpan DocumentTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Path of <c>libpdfium.so</c>. PDFium is loaded once per process, so only the first document opened uses it;
    /// otherwise the <c>DOCPIPE_PDFIUM_PATH</c> variable, the application folder and the repository's
    /// <c>.tools/pdfium</c> are searched.
    /// </summary>
    public string? PdfiumLibraryPath { get; set; }

    /// <summary>Images whose header declares more pixels are refused before decoding (<c>image.too_large</c>).</summary>
    public long MaxImageSourcePixels { get; set; } = 100_000_000;

    /// <summary>Characters of a page's text layer read at most; the rest is dropped and the text marked truncated.</summary>
    public int MaxTextCharactersPerPage { get; set; } = 100_000;

    public static RasterizationOptions Default => new();

    /// <summary>A copy to change for one document (for example its password) without touching the shared options.</summary>
    public RasterizationOptions Clone() => (RasterizationOptions)MemberwiseClone();
}
