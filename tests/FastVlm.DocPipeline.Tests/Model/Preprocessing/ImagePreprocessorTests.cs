using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Preprocessing;
using FastVlm.DocPipeline.Tests.Model.Engine;

namespace FastVlm.DocPipeline.Tests.Model.Preprocessing;

public sealed class ImagePreprocessorTests
{
    private const double Factor = 0.00392156862745098;

    private static PreprocessorConfig Config(int size) => PreprocessorConfig.Parse(
        $$"""
        { "size": { "shortest_edge": {{size}} }, "crop_size": { "height": {{size}}, "width": {{size}} },
          "do_center_crop": true, "do_resize": true, "do_rescale": true, "rescale_factor": 0.00392156862745098,
          "do_normalize": false, "image_mean": [0, 0, 0], "image_std": [1, 1, 1], "resample": 3 }
        """);

    /// <summary>With <c>do_normalize</c>: mean (0.5, 0.25, 0), std (0.5, 0.25, 1) per channel.</summary>
    private static PreprocessorConfig NormalizingConfig(int size) => PreprocessorConfig.Parse(
        $$"""
        { "size": { "shortest_edge": {{size}} }, "crop_size": { "height": {{size}}, "width": {{size}} },
          "do_center_crop": true, "do_resize": true, "do_rescale": true, "rescale_factor": 0.00392156862745098,
          "do_normalize": true, "image_mean": [0.5, 0.25, 0], "image_std": [0.5, 0.25, 1], "resample": 3 }
        """);

    private static float Value(byte b) => (float)(b * Factor);

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
    public void Pad_centres_a_tall_image_on_black_without_resampling_when_the_long_side_is_the_model_size()
    {
        RgbImage image = TestImages.Noise(5, 8, seed: 11);
        var preprocessor = new ImagePreprocessor(Config(8));
        var tensor = new float[preprocessor.ValuesPerImage];

        preprocessor.Preprocess(image, tensor);

        // Canvas 8x8, image pasted at x = (8 - 5) / 2 = 1.
        byte[] pixels = image.Pixels.ToArray();
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 8; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    float expected = x is >= 1 and < 6 ? Value(pixels[(y * 5 + (x - 1)) * 3 + c]) : 0f;
                    tensor[c * 64 + y * 8 + x].Should().Be(expected, "channel {0} at ({1},{2})", c, x, y);
                }
            }
        }
    }

    [Fact]
    public void Pad_then_resize_keeps_flat_colour_and_black_bars_in_place()
    {
        var pixels = new byte[300 * 600 * 3];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = 200;
            pixels[i + 1] = 100;
            pixels[i + 2] = 50;
        }

        var preprocessor = new ImagePreprocessor(Config(64));
        var tensor = new float[preprocessor.ValuesPerImage];

        preprocessor.Preprocess(new RgbImage(300, 600, pixels), tensor);

        // 600x600 canvas, image in columns 150..449 -> output columns 16..47 (scale 600/64).
        int plane = 64 * 64;
        for (int y = 0; y < 64; y++)
        {
            tensor[y * 64 + 0].Should().Be(0f, "left bar is black");
            tensor[y * 64 + 63].Should().Be(0f, "right bar is black");
            tensor[y * 64 + 32].Should().Be(Value(200), "the red channel inside the page is unchanged");
            tensor[plane + y * 64 + 20].Should().Be(Value(100));
            tensor[2 * plane + y * 64 + 40].Should().Be(Value(50));
        }
    }

    [Fact]
    public void Float16_output_is_the_float32_output_rounded_to_half()
    {
        RgbImage image = PreprocessingTestImages.Page(90, 120, seed: 3);
        var preprocessor = new ImagePreprocessor(Config(32));
        var single = new float[preprocessor.ValuesPerImage];
        var half = new Half[preprocessor.ValuesPerImage];

        preprocessor.Preprocess(image, single);
        preprocessor.Preprocess(image, half);

        half.Should().Equal(single.Select(v => (Half)v));
    }

    [Fact]
    public void A_batch_is_the_images_one_after_another()
    {
        RgbImage[] images = [TestImages.Noise(40, 30, 1), PreprocessingTestImages.Page(50, 80, 2), TestImages.Noise(16, 16, 3)];
        var preprocessor = new ImagePreprocessor(Config(16), new ImagePreprocessorOptions { Mode = ImageResizeMode.ShortestEdgeCrop });
        var batch = new float[images.Length * preprocessor.ValuesPerImage];

        preprocessor.PreprocessBatch(images, batch);

        preprocessor.GetShape(images.Length).Should().Equal(3L, 3L, 16L, 16L);
        for (int i = 0; i < images.Length; i++)
        {
            var single = new float[preprocessor.ValuesPerImage];
            preprocessor.Preprocess(images[i], single);
            batch.AsSpan(i * single.Length, single.Length).ToArray().Should().Equal(single);
        }
    }

    [Fact]
    public void Crop_mode_on_an_image_already_at_size_copies_the_centre()
    {
        RgbImage image = TestImages.Noise(16, 21, seed: 5);
        var preprocessor = new ImagePreprocessor(Config(16), new ImagePreprocessorOptions { Mode = ImageResizeMode.ShortestEdgeCrop });
        var tensor = new float[preprocessor.ValuesPerImage];

        preprocessor.Preprocess(image, tensor);

        byte[] pixels = image.Pixels.ToArray();
        int top = (21 - 16) / 2;
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                tensor[256 + y * 16 + x].Should().Be(Value(pixels[((y + top) * 16 + x) * 3 + 1]));
            }
        }
    }

    [Fact]
    public void Too_small_a_buffer_and_too_large_an_image_are_rejected()
    {
        var preprocessor = new ImagePreprocessor(Config(16), new ImagePreprocessorOptions { MaxInputPixels = 1000 });

        var small = () => preprocessor.Preprocess(TestImages.Noise(16, 16, 1), new float[10]);
        var large = () => preprocessor.Preprocess(TestImages.Noise(40, 30, 1), new float[preprocessor.ValuesPerImage]);

        small.Should().Throw<ArgumentException>();
        large.Should().Throw<ModelInputException>().Where(e => e.Code == ModelErrorCodes.ImageTooLarge);
    }

    [Fact]
    public void Pad_centres_a_wide_image_on_black_and_rescales_in_float32()
    {
        const int size = 64;
        var values = new float[3 * size * size];
        new ImagePreprocessor(Config(size)).Preprocess(Pattern(64, 32), values);

        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var inside = y >= 16 && y < 48;
                byte r = inside ? (byte)x : (byte)0, g = inside ? (byte)(y - 16) : (byte)0, b = inside ? (byte)(x ^ (y - 16)) : (byte)0;
                values[y * size + x].Should().Be((float)(r * Factor));
                values[size * size + y * size + x].Should().Be((float)(g * Factor));
                values[2 * size * size + y * size + x].Should().Be((float)(b * Factor));
            }
        }
    }

    [Fact]
    public void Crop_takes_the_centre_of_a_tall_image_whose_short_side_is_the_model_size()
    {
        const int size = 32;
        var values = new float[3 * size * size];
        new ImagePreprocessor(Config(size), new ImagePreprocessorOptions { Mode = ImageResizeMode.ShortestEdgeCrop }).Preprocess(Pattern(32, 45), values);
        var top = (45 - 32) / 2;
        for (var y = 0; y < size; y++)
        {
            values[size * size + y * size + 5].Should().Be((float)((y + top) * Factor));
        }
    }

    [Fact]
    public void Normalisation_uses_the_configured_mean_and_std_per_channel_and_half_output_matches()
    {
        const int size = 16;
        var image = Pattern(16, 16);
        var full = new float[3 * size * size];
        var half = new Half[3 * size * size];
        var preprocessor = new ImagePreprocessor(NormalizingConfig(size));
        preprocessor.Preprocess(image, full);
        preprocessor.Preprocess(image, half);
        var x = 7;
        full[x].Should().Be((float)(((float)(x * Factor) - 0.5) / 0.5));
        full[size * size + 3 * size].Should().Be((float)(((float)(3 * Factor) - 0.25) / 0.25));
        half.Select(h => (float)h).Should().Equal(full.Select(f => (float)(Half)f));
    }

    [Fact]
    public void A_larger_page_is_resampled_to_the_model_size_keeping_the_black_padding()
    {
        const int size = 32;
        var values = new float[3 * size * size];
        var white = new RgbImage(128, 64, Enumerable.Repeat((byte)255, 128 * 64 * 3).ToArray());
        new ImagePreprocessor(Config(size)).Preprocess(white, values);
        values[0].Should().Be(0f, "the top rows are padding");
        values[16 * size + 16].Should().BeApproximately(1f, 1e-3f, "the middle is the white page");
        values[(size - 1) * size].Should().Be(0f, "the bottom rows are padding");
    }
}
