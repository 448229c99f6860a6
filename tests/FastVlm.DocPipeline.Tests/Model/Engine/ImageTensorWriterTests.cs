using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Engine;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>Preprocessing geometry and values where no resampling happens, so every output value is known exactly.</summary>
public sealed class ImageTensorWriterTests
{
    private const double Rescale = 0.00392156862745098;

    private static ImageTensorWriter Writer(int size, ImagePreprocessingMode mode, bool normalize = false) =>
        new(size, mode, Rescale, doRescale: true, doNormalize: normalize, mean: [0.5, 0.25, 0], std: [0.5, 0.25, 1]);

    /// <summary>Pixel (x, y) = (x, y, x ^ y) so every position is recognisable.</summary>
    private static RgbImage Pattern(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                pixels[i] = (byte)x;
                pixels[i + 1] = (byte)y;
                pixels[i + 2] = (byte)(x ^ y);
            }
        }

        return new RgbImage(width, height, pixels);
    }

    [Fact]
    public void Pad_centres_a_wide_image_on_black_and_rescales_in_float32()
    {
        const int size = 64;
        var values = new float[3 * size * size];
        Writer(size, ImagePreprocessingMode.Pad).Write(Pattern(64, 32), values);

        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var inside = y >= 16 && y < 48;
                byte r = inside ? (byte)x : (byte)0, g = inside ? (byte)(y - 16) : (byte)0, b = inside ? (byte)(x ^ (y - 16)) : (byte)0;
                values[y * size + x].Should().Be((float)(r * Rescale));
                values[size * size + y * size + x].Should().Be((float)(g * Rescale));
                values[2 * size * size + y * size + x].Should().Be((float)(b * Rescale));
            }
        }
    }

    [Fact]
    public void Crop_takes_the_centre_of_a_tall_image_whose_short_side_is_the_model_size()
    {
        const int size = 32;
        var values = new float[3 * size * size];
        Writer(size, ImagePreprocessingMode.ShortestEdgeCrop).Write(Pattern(32, 45), values);
        var top = (45 - 32) / 2;
        for (var y = 0; y < size; y++)
        {
            values[size * size + y * size + 5].Should().Be((float)((y + top) * Rescale));
        }
    }

    [Fact]
    public void Normalisation_uses_the_configured_mean_and_std_per_channel_and_half_output_matches()
    {
        const int size = 16;
        var image = Pattern(16, 16);
        var full = new float[3 * size * size];
        var half = new Half[3 * size * size];
        var writer = Writer(size, ImagePreprocessingMode.Pad, normalize: true);
        writer.Write(image, full);
        writer.Write(image, half);
        var x = 7;
        full[x].Should().Be((float)(((float)(x * Rescale) - 0.5) / 0.5));
        full[size * size + 3 * size].Should().Be((float)(((float)(3 * Rescale) - 0.25) / 0.25));
        half.Select(h => (float)h).Should().Equal(full.Select(f => (float)(Half)f));
    }

    [Fact]
    public void A_larger_page_is_resampled_to_the_model_size_keeping_the_black_padding()
    {
        const int size = 32;
        var values = new float[3 * size * size];
        var white = new RgbImage(128, 64, Enumerable.Repeat((byte)255, 128 * 64 * 3).ToArray());
        Writer(size, ImagePreprocessingMode.Pad).Write(white, values);
        values[0].Should().Be(0f, "the top rows are padding");
        values[16 * size + 16].Should().BeApproximately(1f, 1e-3f, "the middle is the white page");
        values[(size - 1) * size].Should().Be(0f, "the bottom rows are padding");
    }
}
