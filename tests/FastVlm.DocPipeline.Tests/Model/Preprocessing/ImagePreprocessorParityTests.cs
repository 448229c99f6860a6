using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Preprocessing;
using FastVlm.DocPipeline.Synthetic;
using FastVlm.DocPipeline.Tests.Model.Engine;
using FastVlm.DocPipeline.Tests.Model.Tokenization;
using FastVlm.DocPipeline.Tests.TestSupport;
using Xunit.Abstractions;

namespace FastVlm.DocPipeline.Tests.Model.Preprocessing;

/// <summary>
/// The shortest-edge + centre-crop path against transformers.js's image processor, run live on the same pixels:
/// bit-for-bit where no resampling happens, measured where it does.
/// </summary>
public sealed class ImagePreprocessorParityTests(ITestOutputHelper output)
{
    // The FastVLM export's processor settings (onnx-community/FastVLM-0.5B-ONNX), as the synthetic models write them.
    private static readonly JsonObject FastVlmConfig = ModelConfigFiles.PreprocessorConfig(1024);

    // CLIP-style normalisation at a small size, to prove the mean/std arithmetic too.
    private static readonly JsonObject NormalizingConfig = new()
    {
        ["crop_size"] = 224,
        ["do_center_crop"] = true,
        ["do_normalize"] = true,
        ["do_rescale"] = true,
        ["do_resize"] = true,
        ["image_mean"] = new JsonArray(0.48145466, 0.4578275, 0.40821073),
        ["image_processor_type"] = "CLIPImageProcessor",
        ["image_std"] = new JsonArray(0.26862954, 0.26130258, 0.27577711),
        ["resample"] = 3,
        ["rescale_factor"] = 0.00392156862745098,
        ["size"] = new JsonObject { ["shortest_edge"] = 224 },
    };

    [Fact]
    public async Task Without_resampling_the_tensor_equals_transformers_js_bit_for_bit()
    {
        var images = new (string Name, RgbImage Image)[]
        {
            ("square noise 1024", TestImages.Noise(1024, 1024, 1)),
            ("tall noise 1024x1500", TestImages.Noise(1024, 1500, 2)),
            ("wide noise 1301x1024", TestImages.Noise(1301, 1024, 3)),
            ("tall page 1024x1325", PreprocessingTestImages.Page(1024, 1325, 4)),
        };

        var results = await CompareAsync(FastVlmConfig, images);

        foreach (var (name, ours, theirs) in results)
        {
            int mismatch = Enumerable.Range(0, ours.Length).FirstOrDefault(i => BitConverter.SingleToInt32Bits(ours[i]) != BitConverter.SingleToInt32Bits(theirs[i]), -1);
            mismatch.Should().Be(-1, "{0}: value {1} differs (ours {2:R}, transformers.js {3:R})", name, mismatch, mismatch < 0 ? 0 : ours[mismatch], mismatch < 0 ? 0 : theirs[mismatch]);
        }
    }

    [Fact]
    public async Task Normalisation_equals_transformers_js_bit_for_bit()
    {
        var images = new (string Name, RgbImage Image)[]
        {
            ("square noise 224", TestImages.Noise(224, 224, 5)),
            ("tall noise 224x301", TestImages.Noise(224, 301, 6)),
        };

        var results = await CompareAsync(NormalizingConfig, images);

        foreach (var (name, ours, theirs) in results)
        {
            int mismatch = Enumerable.Range(0, ours.Length).FirstOrDefault(i => BitConverter.SingleToInt32Bits(ours[i]) != BitConverter.SingleToInt32Bits(theirs[i]), -1);
            mismatch.Should().Be(-1, "{0}: value {1} differs", name, mismatch);
        }
    }

    [Fact]
    public async Task With_resampling_the_tensor_is_close_to_transformers_js()
    {
        var images = new (string Name, RgbImage Image)[]
        {
            ("page upscaled 700x900", PreprocessingTestImages.Page(700, 900, 7)),
            ("page downscaled 2048x2650", PreprocessingTestImages.Page(2048, 2650, 8)),
            ("page downscaled 1536x1280", PreprocessingTestImages.Page(1536, 1280, 9)),
        };

        var results = await CompareAsync(FastVlmConfig, images);

        var means = new List<(string Name, double Mean)>();
        foreach (var (name, ours, theirs) in results)
        {
            double sum = 0;
            double max = 0;
            int over = 0;
            for (int i = 0; i < ours.Length; i++)
            {
                double d = Math.Abs(ours[i] - theirs[i]);
                sum += d;
                max = Math.Max(max, d);
                if (d > 8 / 255.0)
                {
                    over++;
                }
            }

            double mean = sum / ours.Length;
            output.WriteLine($"{name}: mean |diff| {mean * 255:F3}/255, max |diff| {max * 255:F1}/255, {100.0 * over / ours.Length:F3}% of values differ by more than 8/255");
            means.Add((name, mean * 255));
        }

        // Different filters (Pillow-style antialiased bicubic vs sharp's affine bicubic, which also places pixel
        // centres differently) differ at sharp edges; a misplaced or mirrored image would differ by tens on average.
        means.Should().OnlyContain(m => m.Mean < 4.0, "our resize and transformers.js's must agree on average");
    }

    private static async Task<List<(string Name, float[] Ours, float[] Theirs)>> CompareAsync(
        JsonObject config,
        (string Name, RgbImage Image)[] images)
    {
        string work = Directory.CreateTempSubdirectory("preprocess-parity-").FullName;
        try
        {
            string modelDir = Path.Combine(work, "model");
            Directory.CreateDirectory(modelDir);
            string configJson = config.ToJsonString();
            File.WriteAllText(Path.Combine(modelDir, "preprocessor_config.json"), configJson);

            var jobs = new JsonArray();
            for (int i = 0; i < images.Length; i++)
            {
                RgbImage image = images[i].Image;
                string raw = Path.Combine(work, $"{i}.rgb");
                File.WriteAllBytes(raw, image.Pixels.ToArray());
                jobs.Add(new JsonObject
                {
                    ["raw"] = raw,
                    ["width"] = image.Width,
                    ["height"] = image.Height,
                    ["out"] = Path.Combine(work, $"{i}.f32"),
                });
            }

            string jobsPath = Path.Combine(work, "jobs.json");
            File.WriteAllText(jobsPath, jobs.ToJsonString());
            await NodePeer.RunAsync("preprocess.mjs", [modelDir, jobsPath], TimeSpan.FromMinutes(3));

            var preprocessor = new ImagePreprocessor(
                PreprocessorConfig.FromModelDirectory(modelDir),
                new ImagePreprocessorOptions { Mode = ImageResizeMode.ShortestEdgeCrop });
            var results = new List<(string, float[], float[])>();
            for (int i = 0; i < images.Length; i++)
            {
                float[] theirs = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(work, $"{i}.f32"))).ToArray();
                theirs.Length.Should().Be(preprocessor.ValuesPerImage, "transformers.js must produce [3, S, S] for {0}", images[i].Name);
                var ours = new float[preprocessor.ValuesPerImage];
                preprocessor.Preprocess(images[i].Image, ours);
                results.Add((images[i].Name, ours, theirs));
            }

            return results;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
