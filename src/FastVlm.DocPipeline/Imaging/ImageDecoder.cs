using SkiaSharp;

namespace FastVlm.DocPipeline.Imaging;

/// <summary>
/// Decodes PNG, JPEG, WebP, BMP and GIF (first frame) into <see cref="RgbImage"/>: EXIF orientation applied,
/// transparency composited on white, optionally resized (high quality) so the longest side hits a target.
/// The pixel count is checked from the header before any pixel is decoded.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Reads the header only: format, encoded size and the size after orientation.</summary>
    /// <exception cref="ImageDecodeException"><c>input.unsupported_format</c>, <c>image.corrupt</c>.</exception>
    public static ImageHeader ReadHeader(ReadOnlySpan<byte> encoded)
    {
        using var data = CreateData(encoded, out var format);
        using var codec = CreateCodec(data, format);
        return ToHeader(codec, format);
    }

    /// <exception cref="ImageDecodeException">
    /// <c>input.empty</c>, <c>input.unsupported_format</c> (naming the format), <c>image.too_large</c>, <c>image.corrupt</c>.
    /// </exception>
    public static RgbImage Decode(ReadOnlySpan<byte> encoded, ImageDecoderOptions? options = null)
    {
        options ??= new ImageDecoderOptions();
        using var data = CreateData(encoded, out var format);
        using var codec = CreateCodec(data, format);
        var header = ToHeader(codec, format);

        var sourcePixels = (long)codec.Info.Width * codec.Info.Height;
        if (sourcePixels > options.MaxSourcePixels)
        {
            throw new ImageDecodeException(
                ImagingErrorCodes.ImageTooLarge,
                $"The {FormatSniffer.Describe(format)} image is {codec.Info.Width}x{codec.Info.Height} pixels " +
                $"({sourcePixels:N0}); the limit is {options.MaxSourcePixels:N0}. Downscale it before submitting, or raise MaxSourcePixels.");
        }

        var (outWidth, outHeight) = options.TargetSize ?? TargetSize(header.Width, header.Height, options.TargetLongestSide);

        // JPEG and WebP can decode at a reduced scale for free; keep at least twice the target for a clean resample.
        var decodeSize = codec.Info.Size;
        var downscale = Math.Min((double)outWidth / header.Width, (double)outHeight / header.Height);
        if (downscale < 0.5)
        {
            var scaled = codec.GetScaledDimensions((float)Math.Min(1.0, downscale * 2));
            var needed = SwapsAxes(codec.EncodedOrigin) ? (outHeight, outWidth) : (outWidth, outHeight);
            if (scaled.Width >= needed.Item1 && scaled.Height >= needed.Item2)
            {
                decodeSize = scaled;
            }
        }

        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not SKCodecResult.Success)
        {
            throw new ImageDecodeException(
                ImagingErrorCodes.CorruptImage,
                $"The {FormatSniffer.Describe(format)} image could not be decoded ({result}); the file is damaged or truncated.");
        }

        using var output = new SKBitmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(output))
        {
            canvas.Clear(SKColors.White);
            var orientedWidth = SwapsAxes(codec.EncodedOrigin) ? decodeSize.Height : decodeSize.Width;
            var orientedHeight = SwapsAxes(codec.EncodedOrigin) ? decodeSize.Width : decodeSize.Height;
            var matrix = SKMatrix.CreateScale((float)outWidth / orientedWidth, (float)outHeight / orientedHeight)
                .PreConcat(OrientationMatrix(codec.EncodedOrigin, decodeSize.Width, decodeSize.Height));
            canvas.SetMatrix(matrix);
            using var image = SKImage.FromBitmap(decoded);
            // Same size: copy pixels exactly. Strong reduction: mipmaps avoid aliasing. Otherwise bicubic.
            var sampling = orientedWidth == outWidth && orientedHeight == outHeight
                ? new SKSamplingOptions(SKFilterMode.Nearest)
                : orientedWidth > outWidth * 2
                    ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                    : new SKSamplingOptions(SKCubicResampler.Mitchell);
            canvas.DrawImage(image, 0, 0, sampling);
        }

        var rgb = new byte[outWidth * outHeight * 3];
        PixelConversions.RgbxToRgb(output.GetPixelSpan(), output.RowBytes, rgb, outWidth, outHeight);
        return new RgbImage(outWidth, outHeight, rgb);
    }

    internal static (int Width, int Height) TargetSize(int width, int height, int? longestSide)
    {
        if (longestSide is not { } target)
        {
            return (width, height);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        var scale = (double)target / Math.Max(width, height);
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static SKData CreateData(ReadOnlySpan<byte> encoded, out DocumentFormat format)
    {
        if (encoded.IsEmpty)
        {
            throw new ImageDecodeException(ImagingErrorCodes.Empty, "The image is empty (0 bytes).");
        }

        format = FormatSniffer.Sniff(encoded[..Math.Min(encoded.Length, FormatSniffer.HeaderLength)]);
        if (!FormatSniffer.IsSupportedImage(format))
        {
            throw new ImageDecodeException(
                ImagingErrorCodes.UnsupportedFormat,
                $"Unsupported image format: {FormatSniffer.Describe(format)}. Supported: PNG, JPEG, WebP, BMP, GIF (first frame)." +
                (format is DocumentFormat.Tiff ? " Convert TIFF scans to PNG or PDF first." : string.Empty));
        }

        return SKData.CreateCopy(encoded);
    }

    private static SKCodec CreateCodec(SKData data, DocumentFormat format)
    {
        var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            codec?.Dispose();
            throw new ImageDecodeException(
                ImagingErrorCodes.CorruptImage,
                $"The {FormatSniffer.Describe(format)} image header could not be read; the file is damaged or not really that format.");
        }

        return codec;
    }

    private static ImageHeader ToHeader(SKCodec codec, DocumentFormat format)
    {
        var swap = SwapsAxes(codec.EncodedOrigin);
        return new ImageHeader(
            format,
            swap ? codec.Info.Height : codec.Info.Width,
            swap ? codec.Info.Width : codec.Info.Height,
            codec.EncodedOrigin != SKEncodedOrigin.TopLeft);
    }

    private static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Maps encoded pixel coordinates (w × h) to display coordinates for an EXIF origin.</summary>
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
