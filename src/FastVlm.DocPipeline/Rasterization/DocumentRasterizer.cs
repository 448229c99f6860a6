using System.Diagnostics;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Rasterization.Pdfium;

namespace FastVlm.DocPipeline.Rasterization;

/// <summary>
/// Opens PDFs (PDFium) and images (SkiaSharp) as <see cref="IRasterDocument"/>s. The format is decided by the
/// content's magic bytes, never by the file name; size, page-count and time limits apply before any rendering.
/// </summary>
/// <remarks>
/// A seekable input stream is read lazily while pages render (a 1,000-page file is never held in memory), so keep
/// it open until the document is disposed; a non-seekable one is first spooled to a temporary file.
/// PDFium calls are serialised process-wide (see <c>PdfiumLibrary</c>).
/// </remarks>
public sealed class DocumentRasterizer : IDocumentRasterizer
{
    private readonly RasterizationOptions defaults;

    /// <param name="defaultOptions">Used when <see cref="OpenAsync"/> gets no options.</param>
    public DocumentRasterizer(RasterizationOptions? defaultOptions = null) => defaults = defaultOptions ?? new RasterizationOptions();

    public Task<IRasterDocument> OpenAsync(
        Stream content,
        string? fileName = null,
        RasterizationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return OpenCoreAsync(content, fileName, options, ownsContent: false, cancellationToken);
    }

    /// <summary>Opens a file; the returned document owns (and closes) it.</summary>
    public Task<IRasterDocument> OpenFileAsync(string path, RasterizationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        return OpenCoreAsync(file, path, options, ownsContent: true, cancellationToken);
    }

    /// <summary>Opens bytes already in memory (not copied: do not modify them while the document is open).</summary>
    public Task<IRasterDocument> OpenAsync(
        byte[] content,
        string? fileName = null,
        RasterizationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return OpenCoreAsync(new MemoryStream(content, writable: false), fileName, options, ownsContent: true, cancellationToken);
    }

    private async Task<IRasterDocument> OpenCoreAsync(
        Stream content, string? fileName, RasterizationOptions? options, bool ownsContent, CancellationToken cancellationToken)
    {
        options ??= defaults;
        var displayName = string.IsNullOrWhiteSpace(fileName) ? "The document" : $"'{Path.GetFileName(fileName)}'";
        Stream stream;
        long origin, length;
        bool owns;
        try
        {
            Validate(options);
            (stream, origin, length, owns) = await SeekableInput.PrepareAsync(content, options.MaxInputBytes, displayName, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (ownsContent)
            {
                await content.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        if (ownsContent)
        {
            if (ReferenceEquals(stream, content))
            {
                owns = true;
            }
            else
            {
                // Spooled to a temporary file: the original is no longer needed.
                await content.DisposeAsync().ConfigureAwait(false);
            }
        }

        var deadline = Deadline(options.DocumentTimeout);
        try
        {
            if (length == 0)
            {
                throw new RasterizationException(RasterizationErrorCodes.Empty, $"{displayName} is empty (0 bytes).");
            }

            var head = new byte[(int)Math.Min(length, FormatSniffer.HeaderLength)];
            stream.Position = origin;
            await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
            var format = FormatSniffer.Sniff(head);

            if (format == DocumentFormat.Pdf)
            {
                var source = new PdfByteSource(stream, origin, length, owns);
                owns = false;
                try
                {
                    return await Task.Run(() => PdfRasterDocument.Open(source, options, deadline, displayName), cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    source.Dispose();
                    throw;
                }
            }

            if (FormatSniffer.IsSupportedImage(format))
            {
                var bytes = new byte[length];
                stream.Position = origin;
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                return ImageRasterDocument.Open(bytes, options, deadline);
            }

            var namedPdf = fileName?.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) == true;
            throw new RasterizationException(
                RasterizationErrorCodes.UnsupportedFormat,
                namedPdf
                    ? $"{displayName} is named like a PDF but its content is not a PDF (it looks like {FormatSniffer.Describe(format)}; no '%PDF-' header)."
                    : $"{displayName} is in an unsupported format ({FormatSniffer.Describe(format)}). Supported: PDF, PNG, JPEG, WebP, BMP, GIF.");
        }
        finally
        {
            if (owns)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static long Deadline(TimeSpan timeout)
    {
        var now = Stopwatch.GetTimestamp();
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return long.MaxValue;
        }

        var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        return ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
    }

    private static void Validate(RasterizationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TargetLongestSide, nameof(options.TargetLongestSide));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPageCount, nameof(options.MaxPageCount));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxInputBytes, nameof(options.MaxInputBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPixelsPerPage, nameof(options.MaxPixelsPerPage));
    }
}
