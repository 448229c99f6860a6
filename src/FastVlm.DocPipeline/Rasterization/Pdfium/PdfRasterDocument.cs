using System.Diagnostics;
using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>A PDF opened with PDFium; renders one page at a time straight into packed RGB.</summary>
internal sealed unsafe class PdfRasterDocument : IRasterDocument
{
    // Annotations drawn; FPDF_REVERSE_BYTE_ORDER makes PDFium's 24-bit "BGR" bitmap come out as RGB,
    // so the pixels go to the model with no conversion pass. Text and paths are anti-aliased by default.
    private const int RenderFlags = PdfiumNative.RenderAnnotations | PdfiumNative.RenderReverseByteOrder;

    private readonly PdfDocumentHandle document;
    private readonly RasterizationOptions options;
    private readonly long deadline;
    private readonly string displayName;

    private PdfRasterDocument(PdfDocumentHandle document, int pageCount, RasterizationOptions options, long deadline, string displayName)
    {
        this.document = document;
        PageCount = pageCount;
        this.options = options;
        this.deadline = deadline;
        this.displayName = displayName;
    }

    public string Format => "pdf";

    public int PageCount { get; }

    /// <summary>Opens the PDF and checks the page-count limits before any page is rendered.</summary>
    public static PdfRasterDocument Open(PdfByteSource source, RasterizationOptions options, long deadline, string displayName)
    {
        var api = PdfiumLibrary.EnsureLoaded(options.PdfiumLibraryPath);
        PdfDocumentHandle? document;
        int pageCount;
        using (PdfiumLibrary.EnterLock())
        {
            document = PdfDocumentHandle.Open(api, source, options.Password, out var error);
            if (document is null)
            {
                throw OpenError(error, source, options.Password is not null, displayName);
            }

            pageCount = api.GetPageCount(document.DangerousGetHandle());
        }

        try
        {
            if (pageCount < 0)
            {
                throw new RasterizationException(RasterizationErrorCodes.Corrupt, $"{displayName}: the page tree is unreadable.");
            }

            if (pageCount == 0)
            {
                throw new RasterizationException(RasterizationErrorCodes.NoPages, $"{displayName} has no pages.");
            }

            if (pageCount > options.MaxPageCount)
            {
                throw new RasterizationException(
                    RasterizationErrorCodes.TooManyPages,
                    $"{displayName} has {pageCount:N0} pages; the limit is {options.MaxPageCount:N0} (RasterizationOptions.MaxPageCount). Split the document or raise the limit.");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw TimeoutError(displayName, options);
            }

            return new PdfRasterDocument(document, pageCount, options, deadline, displayName);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public Task<RasterizedPage> RenderPageAsync(int pageIndex, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pageIndex, PageCount);
        ObjectDisposedException.ThrowIf(document.IsClosed, this);
        cancellationToken.ThrowIfCancellationRequested();

        // CPU-bound and serialised by the PDFium lock: run it off the caller's thread so the caller can overlap work.
        return Task.Run(() => RenderPage(pageIndex, cancellationToken), cancellationToken);
    }

    public void Dispose() => document.Dispose();

    internal RasterizedPage RenderPage(int pageIndex, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (started > deadline)
        {
            throw TimeoutError(displayName, options);
        }

        using var scope = PdfiumLibrary.EnterLock();
        var api = PdfiumLibrary.Native;
        using var page = PdfPageHandle.Load(api, document, pageIndex)
            ?? throw new RasterizationException(RasterizationErrorCodes.Corrupt, $"{displayName}: page {pageIndex + 1} could not be loaded.");
        var pagePtr = page.DangerousGetHandle();

        double widthPt = api.GetPageWidthF(pagePtr);
        double heightPt = api.GetPageHeightF(pagePtr);
        if (!double.IsFinite(widthPt) || !double.IsFinite(heightPt) || widthPt <= 0 || heightPt <= 0)
        {
            throw new RasterizationException(
                RasterizationErrorCodes.Corrupt,
                $"{displayName}: page {pageIndex + 1} has an invalid size ({widthPt} x {heightPt} pt).");
        }

        var rotation = api.PageGetRotation(pagePtr) is var r and >= 0 and <= 3 ? r * 90 : 0;
        var (width, height) = RenderGeometry.Fit(widthPt, heightPt, options.TargetLongestSide, options.MaxPixelsPerPage);

        var text = PdfTextReader.Read(api, page, document.Form, width, height, options.MaxTextCharactersPerPage);

        var pixels = GC.AllocateUninitializedArray<byte>(width * height * 3, pinned: true);
        fixed (byte* buffer = pixels)
        {
            using var bitmap = PdfBitmapHandle.CreateRgb24(api, width, height, buffer)
                ?? throw new RasterizationException(
                    RasterizationErrorCodes.PageTooLarge,
                    $"{displayName}: PDFium could not allocate a {width}x{height} bitmap for page {pageIndex + 1}.");
            var bitmapPtr = bitmap.DangerousGetHandle();
            api.BitmapFillRect(bitmapPtr, 0, 0, width, height, 0xFFFFFFFF);

            var pause = new PdfiumNative.Pause { Version = 1, NeedToPauseNow = &PdfRenderBudget.NeedToPauseNow };
            PdfRenderBudget.Begin(deadline, cancellationToken);
            try
            {
                var status = api.RenderPageBitmapStart(bitmapPtr, pagePtr, 0, 0, width, height, 0, RenderFlags, &pause);
                while (status == PdfiumNative.RenderToBeContinued && !PdfRenderBudget.IsExhausted)
                {
                    status = api.RenderPageContinue(pagePtr, &pause);
                }

                api.RenderPageClose(pagePtr);
                cancellationToken.ThrowIfCancellationRequested();
                if (status == PdfiumNative.RenderToBeContinued)
                {
                    throw TimeoutError(displayName, options);
                }

                if (status == PdfiumNative.RenderFailed)
                {
                    throw new RasterizationException(RasterizationErrorCodes.Corrupt, $"{displayName}: PDFium failed to render page {pageIndex + 1}.");
                }
            }
            finally
            {
                PdfRenderBudget.End();
            }

            if (document.Form != IntPtr.Zero)
            {
                api.FfldDraw(document.Form, bitmapPtr, pagePtr, 0, 0, width, height, 0, RenderFlags);
            }
        }

        return new RasterizedPage(
            pageIndex,
            new RgbImage(width, height, pixels),
            widthPt,
            heightPt,
            rotation,
            text is not null,
            Stopwatch.GetElapsedTime(started),
            text);
    }

    private static RasterizationException OpenError(int error, PdfByteSource source, bool passwordGiven, string displayName)
    {
        if (source.ReadError is { } readError)
        {
            return new RasterizationException(RasterizationErrorCodes.Corrupt, $"{displayName} could not be read: {readError.Message}", readError);
        }

        return error switch
        {
            PdfiumNative.ErrPassword when passwordGiven => new RasterizationException(
                RasterizationErrorCodes.WrongPassword, $"{displayName} is encrypted and the password given does not open it."),
            PdfiumNative.ErrPassword => new RasterizationException(
                RasterizationErrorCodes.Encrypted, $"{displayName} is password-protected. Supply the password (RasterizationOptions.Password; docpipe: --password, or --password-file for a batch) or submit an unprotected copy."),
            PdfiumNative.ErrSecurity => new RasterizationException(
                RasterizationErrorCodes.Encrypted, $"{displayName} uses an unsupported security handler (encryption scheme); submit an unprotected copy."),
            _ => new RasterizationException(
                RasterizationErrorCodes.Corrupt, $"{displayName} is not a readable PDF (PDFium error {error}: {(error == PdfiumNative.ErrFormat ? "damaged or not a PDF" : "could not be parsed")})."),
        };
    }

    private static RasterizationException TimeoutError(string displayName, RasterizationOptions options) =>
        new(RasterizationErrorCodes.Timeout, $"{displayName} exceeded its time budget of {options.DocumentTimeout} (RasterizationOptions.DocumentTimeout).");
}
