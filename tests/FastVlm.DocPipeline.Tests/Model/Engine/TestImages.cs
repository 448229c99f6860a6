using FastVlm.DocPipeline.Imaging;
using SkiaSharp;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>Deterministic test images: seeded noise and rendered text.</summary>
internal static class TestImages
{
    public static RgbImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    public static RgbImage Text(int width, int height, string text)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var font = new SKFont(SKTypeface.Default, height / 8f);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var y = height / 6f;
            foreach (var line in text.Split('\n'))
            {
                canvas.DrawText(line, width / 16f, y, font, paint);
                y += height / 6f;
            }

            using var blue = new SKPaint { Color = new SKColor(20, 60, 200), Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
            canvas.DrawRect(4, 4, width - 8, height - 8, blue);
        }

        return RgbImage.FromRgbx(bitmap.GetPixelSpan(), bitmap.RowBytes, width, height);
    }

    public static byte[] Png(RgbImage image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgb = image.Pixels.Span;
        var rgba = new byte[image.Width * image.Height * 4];
        for (int s = 0, d = 0; s < rgb.Length; s += 3, d += 4)
        {
            rgba[d] = rgb[s];
            rgba[d + 1] = rgb[s + 1];
            rgba[d + 2] = rgb[s + 2];
            rgba[d + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
