using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Preprocessing;

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

    private static float Value(byte b) => (float)(b * Factor);

    [Fact]
    public void Pad_centres_a_tall_image_on_black_without_resampling_when_the_long_side_is_the_model_size()
    {
        RgbImage image = PreprocessingTestImages.Noise(5, 8, seed: 11);
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
        RgbImage[] images = [PreprocessingTestImages.Noise(40, 30, 1), PreprocessingTestImages.Page(50, 80, 2), PreprocessingTestImages.Noise(16, 16, 3)];
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
        RgbImage image = PreprocessingTestImages.Noise(16, 21, seed: 5);
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

        var small = () => preprocessor.Preprocess(PreprocessingTestImages.Noise(16, 16, 1), new float[10]);
        var large = () => preprocessor.Preprocess(PreprocessingTestImages.Noise(40, 30, 1), new float[preprocessor.ValuesPerImage]);

        small.Should().Throw<ArgumentException>();
        large.Should().Throw<ImagePreprocessingException>().Where(e => e.Code == ImagePreprocessingException.TooLarge);
    }
}
