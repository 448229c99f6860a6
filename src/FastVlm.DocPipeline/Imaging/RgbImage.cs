namespace FastVlm.DocPipeline.Imaging;

/// <summary>
/// Packed 8-bit RGB pixels (no alpha, no padding: stride = width × 3), row-major, top row first.
/// The hand-off format between the rasteriser and the model: no re-encoding on that path.
/// </summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, ReadOnlyMemory<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height * 3 != pixels.Length)
        {
            throw new ArgumentException(
                $"Expected {(long)width * height * 3} bytes for a {width}x{height} RGB image, got {pixels.Length}.",
                nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public ReadOnlyMemory<byte> Pixels { get; }

    public int Stride => Width * 3;

    /// <summary>Packs 4-byte RGBA/RGBX rows (any row stride, alpha dropped) into a new image, e.g. a Skia bitmap's pixels.</summary>
    public static RgbImage FromRgbx(ReadOnlySpan<byte> rgbx, int rowBytes, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowBytes, width * 4);
        var rgb = new byte[width * height * 3];
        PixelConversions.RgbxToRgb(rgbx, rowBytes, rgb, width, height);
        return new RgbImage(width, height, rgb);
    }
}
