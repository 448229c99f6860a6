using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>Committed sample PDFs and small pixel helpers for the rasterisation tests.</summary>
internal static class TestFiles
{
    public static string SamplePath(string name) => Path.Combine(RepoPaths.Samples, name + ".pdf");

    public static byte[] Sample(string name) => File.ReadAllBytes(SamplePath(name));

    public static (byte R, byte G, byte B) Pixel(RgbImage image, int x, int y)
    {
        var span = image.Pixels.Span;
        var i = (y * image.Width + x) * 3;
        return (span[i], span[i + 1], span[i + 2]);
    }

    /// <summary>Mean absolute difference per channel over the area both images cover (0–255).</summary>
    public static double MeanAbsoluteDifference(RgbImage a, RgbImage b)
    {
        var width = Math.Min(a.Width, b.Width);
        var height = Math.Min(a.Height, b.Height);
        var pa = a.Pixels.Span;
        var pb = b.Pixels.Span;
        long sum = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width * 3; x++)
            {
                sum += Math.Abs(pa[y * a.Stride + x] - pb[y * b.Stride + x]);
            }
        }

        return (double)sum / (width * height * 3);
    }

    /// <summary>Averages <paramref name="factor"/>×<paramref name="factor"/> blocks (drops a partial last row/column).</summary>
    public static RgbImage BoxDownsample(RgbImage image, int factor)
    {
        var width = image.Width / factor;
        var height = image.Height / factor;
        var source = image.Pixels.Span;
        var result = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var sum = 0;
                    for (var dy = 0; dy < factor; dy++)
                    {
                        for (var dx = 0; dx < factor; dx++)
                        {
                            sum += source[((y * factor + dy) * image.Width + x * factor + dx) * 3 + c];
                        }
                    }

                    result[(y * width + x) * 3 + c] = (byte)((sum + factor * factor / 2) / (factor * factor));
                }
            }
        }

        return new RgbImage(width, height, result);
    }

    /// <summary>The image moved right and down by <paramref name="pixels"/>, uncovered area white.</summary>
    public static RgbImage Shift(RgbImage image, int pixels)
    {
        var result = new byte[image.Pixels.Length];
        result.AsSpan().Fill(255);
        var source = image.Pixels.Span;
        for (var y = pixels; y < image.Height; y++)
        {
            source.Slice((y - pixels) * image.Stride, (image.Width - pixels) * 3).CopyTo(result.AsSpan(y * image.Stride + pixels * 3));
        }

        return new RgbImage(image.Width, image.Height, result);
    }
}
