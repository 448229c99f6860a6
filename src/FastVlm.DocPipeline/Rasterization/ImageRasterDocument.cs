using System.Diagnostics;
using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Rasterization;

/// <summary>A PNG, JPEG, WebP, BMP or GIF file as a one-page document.</summary>
internal sealed class ImageRasterDocument : IRasterDocument
{
    private readonly byte[] encoded;
    private readonly ImageHeader header;
    private readonly RasterizationOptions options;
    private readonly long deadline;
    private bool disposed;

    private ImageRasterDocument(byte[] encoded, ImageHeader header, RasterizationOptions options, long deadline)
    {
        this.encoded = encoded;
        this.header = header;
        this.options = options;
        this.deadline = deadline;
    }

    public string Format => FormatSniffer.ToFormatName(header.Format);

    public int PageCount => 1;

    /// <summary>Reads the header and checks the pixel limit; pixels are decoded when the page is rendered.</summary>
    public static ImageRasterDocument Open(byte[] encoded, RasterizationOptions options, long deadline)
    {
        ImageHeader header;
        try
        {
            header = ImageDecoder.ReadHeader(encoded);
        }
        catch (ImageDecodeException ex)
        {
            throw AsRasterizationError(ex);
        }

        var pixels = (long)header.Width * header.Height;
        if (pixels > options.MaxImageSourcePixels)
        {
            throw new RasterizationException(
                RasterizationErrorCodes.ImageTooLarge,
                $"The {FormatSniffer.Describe(header.Format)} image is {header.Width}x{header.Height} pixels ({pixels:N0}); " +
                $"the limit is {options.MaxImageSourcePixels:N0} (RasterizationOptions.MaxImageSourcePixels).");
        }

        return new ImageRasterDocument(encoded, header, options, deadline);
    }

    public Task<RasterizedPage> RenderPageAsync(int pageIndex, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(pageIndex, 0);
        ObjectDisposedException.ThrowIf(disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => Render(cancellationToken), cancellationToken);
    }

    public void Dispose() => disposed = true;

    private RasterizedPage Render(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (started > deadline)
        {
            throw new RasterizationException(RasterizationErrorCodes.Timeout, $"The image exceeded its time budget of {options.DocumentTimeout}.");
        }

        var (width, height) = RenderGeometry.Fit(header.Width, header.Height, options.TargetLongestSide, options.MaxPixelsPerPage);
        RgbImage image;
        try
        {
            image = ImageDecoder.Decode(encoded, new ImageDecoderOptions
            {
                MaxSourcePixels = options.MaxImageSourcePixels,
                TargetSize = (width, height),
            });
        }
        catch (ImageDecodeException ex)
        {
            throw AsRasterizationError(ex);
        }

        cancellationToken.ThrowIfCancellationRequested();

        // An image has no physical size: report its pixel size as points (72 dpi), after orientation.
        return new RasterizedPage(0, image, header.Width, header.Height, 0, false, Stopwatch.GetElapsedTime(started));
    }

    private static RasterizationException AsRasterizationError(ImageDecodeException ex) => new(ex.Code, ex.Message, ex);
}
