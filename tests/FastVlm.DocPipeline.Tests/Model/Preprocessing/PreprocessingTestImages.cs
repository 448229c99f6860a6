using FastVlm.DocPipeline.Imaging;
using SkiaSharp;

namespace FastVlm.DocPipeline.Tests.Model.Preprocessing;

/// <summary>Page-like test images; seeded noise is <see cref="Engine.TestImages.Noise"/>.</summary>
internal static class PreprocessingTestImages
{
    /// <summary>A page-like image: light gradient background with dark "text lines" and a coloured box.</summary>
    public static RgbImage Page(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int p = (y * width + x) * 3;
                pixels[p] = (byte)(235 + 20 * x / width);
                pixels[p + 1] = (byte)(240 - 15 * y / height);
                pixels[p + 2] = 230;
            }
        }

        int lineHeight = Math.Max(4, height / 60);
        for (int line = lineHeight * 3; line + lineHeight < height * 4 / 5; line += lineHeight * 2)
        {
            int x = width / 12;
            while (x < width * 11 / 12)
            {
                int word = Math.Max(3, width / 40 + random.Next(width / 20 + 1));
                Fill(pixels, width, x, line, Math.Min(word, width * 11 / 12 - x), lineHeight, 30, 30, 40);
                x += word + Math.Max(2, width / 120);
            }
        }

        Fill(pixels, width, width / 10, height * 5 / 6, width / 3, height / 12, 200, 40, 40);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Lines of small print on white, drawn without antialiasing so every glyph edge is a hard 0-to-255 step.</summary>
    public static RgbImage Print(int width, int height, float textSize)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var font = new SKFont(SKTypeface.Default, textSize);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = false };
            using var red = new SKPaint { Color = new SKColor(200, 20, 30), IsAntialias = false };
            int line = 0;
            for (float y = textSize * 2; y < height - textSize; y += textSize * 1.4f, line++)
            {
                canvas.DrawText($"Invoice 2026-{line:D4} Total EUR 1,234.56 Qty 7 x 89.10 VAT 19% IBAN DE44 5001", textSize, y, font, line % 7 == 3 ? red : ink);
            }

            using var rule = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = false };
            canvas.DrawRect(2, 2, width - 5, height - 5, rule);
        }

        return RgbImage.FromRgbx(bitmap.GetPixelSpan(), bitmap.RowBytes, width, height);
    }

    private static void Fill(byte[] pixels, int width, int x0, int y0, int w, int h, byte r, byte g, byte b)
    {
        for (int y = y0; y < y0 + h; y++)
        {
            for (int x = x0; x < x0 + w; x++)
            {
                int p = (y * width + x) * 3;
                pixels[p] = r;
                pixels[p + 1] = g;
                pixels[p + 2] = b;
            }
        }
    }
}
