using System.Globalization;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Preprocessing;
using FastVlm.DocPipeline.Tests.Model.Engine;
using FastVlm.DocPipeline.Tests.TestSupport;
using Xunit.Abstractions;

namespace FastVlm.DocPipeline.Tests.Model.Preprocessing;

/// <summary>
/// Resizing against Pillow's bicubic filter (the training pipeline's: LLaVA's expand2square, then CLIPImageProcessor),
/// run live with Debian's python3-pil on the same pixels. With rescaling and normalisation off the tensor holds the
/// resized bytes themselves, which must equal Pillow's byte for byte.
/// </summary>
public sealed class PillowResizeParityTests(ITestOutputHelper output)
{
    // CLIP's mean: expand2square fills with int(mean * 255) = (122, 116, 104).
    private static readonly double[] ClipMean = [0.48145466, 0.4578275, 0.40821073];
    private static readonly double[] Black = [0, 0, 0];

    [Fact]
    public async Task Pad_then_resize_equals_Pillow_byte_for_byte()
    {
        var cases = new Case[]
        {
            new("square page 1024 -> 256", PreprocessingTestImages.Page(1024, 1024, 11), 256, Black),
            new("square print 1024 -> 256", PreprocessingTestImages.Print(1024, 1024, 13), 256, Black),
            new("tall print 1700x2200 -> 1024", PreprocessingTestImages.Print(1700, 2200, 17), 1024, Black),
            new("wide page 2200x1700 -> 1024", PreprocessingTestImages.Page(2200, 1700, 12), 1024, Black),
            new("square text 300 -> 1024", TestImages.Text(300, 300, "Total 42.00\nDue 2026-12-01\nQty 7"), 1024, Black),
            new("tall print 301x517 on mean -> 224", PreprocessingTestImages.Print(301, 517, 9), 224, ClipMean),
            new("wide noise 1023x777 on mean -> 384", TestImages.Noise(1023, 777, 13), 384, ClipMean),
            new("odd print 333x1001 on black -> 512", PreprocessingTestImages.Print(333, 1001, 11), 512, Black),
        };

        await CompareAsync(cases, ImageResizeMode.Pad);
    }

    [Fact]
    public async Task Shortest_edge_resize_and_centre_crop_equal_Pillow_byte_for_byte()
    {
        var cases = new Case[]
        {
            new("tall print 1700x2200 -> 1024", PreprocessingTestImages.Print(1700, 2200, 15), 1024, Black),
            new("wide page 1536x1280 -> 1024", PreprocessingTestImages.Page(1536, 1280, 14), 1024, Black),
            new("tall print 333x517 -> 224", PreprocessingTestImages.Print(333, 517, 10), 224, Black),
            new("wide noise 640x480 -> 336", TestImages.Noise(640, 480, 15), 336, Black),
        };

        await CompareAsync(cases, ImageResizeMode.ShortestEdgeCrop);
    }

    private async Task CompareAsync(Case[] cases, ImageResizeMode mode)
    {
        string work = Directory.CreateTempSubdirectory("pillow-resize-").FullName;
        try
        {
            var jobs = new JsonArray();
            for (int i = 0; i < cases.Length; i++)
            {
                RgbImage image = cases[i].Image;
                string raw = Path.Combine(work, $"{i}.rgb");
                await File.WriteAllBytesAsync(raw, image.Pixels.ToArray());
                jobs.Add(new JsonObject
                {
                    ["raw"] = raw,
                    ["width"] = image.Width,
                    ["height"] = image.Height,
                    ["size"] = cases[i].Size,
                    ["mode"] = mode == ImageResizeMode.Pad ? "pad" : "crop",
                    ["background"] = new JsonArray(cases[i].Mean.Select(m => JsonValue.Create((int)(m * 255))).ToArray<JsonNode?>()),
                    ["out"] = Path.Combine(work, $"{i}.out"),
                });
            }

            string jobsPath = Path.Combine(work, "jobs.json");
            await File.WriteAllTextAsync(jobsPath, jobs.ToJsonString());
            string version = (await PythonPeer.RunAsync("pillow-resize.py", [jobsPath], TimeSpan.FromMinutes(3))).Trim();

            var failures = new List<string>();
            for (int i = 0; i < cases.Length; i++)
            {
                byte[] theirs = await File.ReadAllBytesAsync(Path.Combine(work, $"{i}.out"));
                byte[] ours = Resize(cases[i], mode);
                theirs.Length.Should().Be(ours.Length, "Pillow must produce {0}x{0} RGB for {1}", cases[i].Size, cases[i].Name);

                int differing = 0;
                int max = 0;
                int first = -1;
                for (int j = 0; j < ours.Length; j++)
                {
                    int d = Math.Abs(ours[j] - theirs[j]);
                    if (d != 0)
                    {
                        differing++;
                        max = Math.Max(max, d);
                        first = first < 0 ? j : first;
                    }
                }

                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{cases[i].Name} vs Pillow {version}: {differing} of {ours.Length} bytes differ ({100.0 * differing / ours.Length:F3}%), max |diff| {max}"));
                if (differing != 0)
                {
                    int pixel = first / 3;
                    failures.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{cases[i].Name}: {differing} bytes differ, max {max}; first at x={pixel % cases[i].Size} y={pixel / cases[i].Size} channel {first % 3} (ours {ours[first]}, Pillow {theirs[first]})"));
                }
            }

            failures.Should().BeEmpty("every resized byte must equal Pillow {0}'s", version);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Our preprocessor with rescale and normalise off, read back from planar floats as interleaved RGB bytes.</summary>
    private static byte[] Resize(Case c, ImageResizeMode mode)
    {
        string mean = string.Join(", ", c.Mean.Select(m => m.ToString("R", CultureInfo.InvariantCulture)));
        var config = PreprocessorConfig.Parse(
            $$"""
            { "size": { "shortest_edge": {{c.Size}} }, "crop_size": { "height": {{c.Size}}, "width": {{c.Size}} },
              "do_center_crop": true, "do_resize": true, "do_rescale": false, "do_normalize": false,
              "image_mean": [{{mean}}], "image_std": [1, 1, 1], "resample": 3 }
            """);
        var preprocessor = new ImagePreprocessor(config, new ImagePreprocessorOptions { Mode = mode });
        var planar = new float[preprocessor.ValuesPerImage];
        preprocessor.Preprocess(c.Image, planar);

        int plane = c.Size * c.Size;
        var bytes = new byte[3 * plane];
        for (int p = 0; p < plane; p++)
        {
            for (int ch = 0; ch < 3; ch++)
            {
                float v = planar[ch * plane + p];
                if (v != MathF.Round(v) || v < 0 || v > 255)
                {
                    throw new InvalidOperationException($"{c.Name}: without rescaling every value must be a byte, got {v} at {ch}/{p}.");
                }

                bytes[p * 3 + ch] = (byte)v;
            }
        }

        return bytes;
    }

    private sealed record Case(string Name, RgbImage Image, int Size, double[] Mean);
}
