namespace FastVlm.DocPipeline.Imaging;

/// <summary>Packs 4-byte pixels into tightly packed RGB without per-pixel allocation.</summary>
internal static class PixelConversions
{
    /// <summary>RGBA/RGBX rows (any stride) to packed RGB; alpha is dropped (composite first).</summary>
    public static void RgbxToRgb(ReadOnlySpan<byte> source, int sourceStride, Span<byte> destination, int width, int height)
    {
        for (var y = 0; y < height; y++)
        {
            var src = source.Slice(y * sourceStride, width * 4);
            var dst = destination.Slice(y * width * 3, width * 3);
            for (int s = 0, d = 0; s < src.Length; s += 4, d += 3)
            {
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
    }

    /// <summary>Packed RGB to RGBX (alpha 255), e.g. to hand pixels to Skia for encoding.</summary>
    public static void RgbToRgbx(ReadOnlySpan<byte> source, Span<byte> destination, int pixelCount)
    {
        for (int s = 0, d = 0, i = 0; i < pixelCount; i++, s += 3, d += 4)
        {
            destination[d] = source[s];
            destination[d + 1] = source[s + 1];
            destination[d + 2] = source[s + 2];
            destination[d + 3] = 0xFF;
        }
    }
}
