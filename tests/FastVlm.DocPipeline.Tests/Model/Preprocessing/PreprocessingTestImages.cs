using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Tests.Model.Preprocessing;

internal static class PreprocessingTestImages
{
    /// <summary>Seeded uniform RGB noise: every byte value occurs, neighbours are unrelated.</summary>
    public static RgbImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

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
