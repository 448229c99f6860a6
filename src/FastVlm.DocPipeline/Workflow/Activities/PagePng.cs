using System.Runtime.InteropServices;
using FastVlm.DocPipeline.Imaging;
using SkiaSharp;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>PNG encoding of rendered pages (for review and for processes that did not render them).</summary>
public static class PagePng
{
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var rgba = new byte[info.BytesSize];
        var source = image.Pixels.Span;
        for (int s = 0, d = 0; s < source.Length; s += 3, d += 4)
        {
            rgba[d] = source[s];
            rgba[d + 1] = source[s + 1];
            rgba[d + 2] = source[s + 2];
            rgba[d + 3] = 255;
        }

        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), info.RowBytes);
            using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
                ?? throw new InvalidOperationException($"Could not encode a {image.Width}x{image.Height} page as PNG.");
            return data.ToArray();
        }
        finally
        {
            handle.Free();
        }
    }

    public static RgbImage Decode(ReadOnlySpan<byte> png)
    {
        using var bitmap = SKBitmap.Decode(png)
            ?? throw new DocPipelineException("image.corrupt", "A stored page image is not a readable PNG; re-run with --force to render it again.");
        using var rgbaBitmap = bitmap.ColorType == SKColorType.Rgba8888 ? null : bitmap.Copy(SKColorType.Rgba8888);
        var source = (rgbaBitmap ?? bitmap).GetPixelSpan();
        var rowBytes = (rgbaBitmap ?? bitmap).RowBytes;
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = source.Slice(y * rowBytes, bitmap.Width * 4);
            var target = rgb.AsSpan(y * bitmap.Width * 3, bitmap.Width * 3);
            for (int s = 0, d = 0; d < target.Length; s += 4, d += 3)
            {
                target[d] = row[s];
                target[d + 1] = row[s + 1];
                target[d + 2] = row[s + 2];
            }
        }

        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }
}
