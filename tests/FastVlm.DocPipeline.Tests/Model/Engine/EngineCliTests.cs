using System.Buffers.Binary;
using System.CommandLine;
using System.IO.Hashing;
using System.Text.Json;
using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary><c>docpipe ask</c>, <c>model check</c>, <c>model fetch</c> run in-process: output, JSON and exit codes.</summary>
[Collection(EngineModelsCollection.Name)]
public sealed class EngineCliTests(EngineTestModels models)
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var root = new RootCommand { AskCommand.Create(), ModelCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string WriteImage(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "fastvlm-cli-" + Guid.NewGuid().ToString("N")[..8] + ".png");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Ask_json_prints_the_answer_ids_logprobs_counts_and_timings()
    {
        var image = WriteImage(TestImages.Png(TestImages.Text(300, 420, "Total 10.00")));
        var (exit, output, error) = await RunAsync("ask", "--model", models.Tiny1, "--image", image, "--question", "What is the total?", "--max-new-tokens", "5", "--json");
        exit.Should().Be(0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("answer").ValueKind.Should().Be(JsonValueKind.String);
        var ids = root.GetProperty("tokenIds").GetArrayLength();
        ids.Should().BeInRange(1, 5);
        root.GetProperty("logprobs").GetArrayLength().Should().Be(ids);
        root.GetProperty("imageTokenCount").GetInt32().Should().Be(16);
        root.GetProperty("promptTokenCount").GetInt32().Should().BeGreaterThan(16);
        root.GetProperty("timings").GetProperty("timeToFirstTokenMs").GetDouble().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Model_check_prints_variants_and_shapes()
    {
        var (exit, output, error) = await RunAsync("model", "check", "--model", models.Tiny1);
        exit.Should().Be(0, error);
        output.Should().Contain("vision_encoder: fp32, fp16").And.Contain("past_key_values.1.value").And.Contain("CPUExecutionProvider").And.EndWith("ok" + Environment.NewLine);
    }

    [Fact]
    public async Task Model_check_with_cuda_requested_says_once_that_it_falls_back_to_cpu()
    {
        var (exit, output, error) = await RunAsync("model", "check", "--model", models.Tiny1, "--provider", "cuda");
        exit.Should().Be(0, error);
        error.Split('\n').Count(l => l.Contains("CUDA execution provider unavailable")).Should().Be(1);
        output.Should().Contain("requested Cuda, using Cpu");
        (await RunAsync("model", "check", "--model", models.Tiny1, "--provider", "cuda", "--no-cpu-fallback")).Exit.Should().Be(1);
    }

    [Fact]
    public async Task Model_check_on_a_broken_directory_exits_non_zero_naming_the_file()
    {
        var model = models.CopyOf(models.Tiny2);
        File.WriteAllBytes(Path.Combine(model, "onnx", "embed_tokens.onnx"), [1, 2, 3]);
        var (exit, _, error) = await RunAsync("model", "check", "--model", model);
        exit.Should().Be(1);
        error.Should().Contain("model.corrupt_graph").And.Contain("embed_tokens.onnx");
    }

    public static TheoryData<string, string> BadImages => new()
    {
        { "empty", "input.empty" },
        { "garbage", "input.unsupported_format" },
        { "truncated", "image.corrupt" },
        { "huge", "image.too_large" },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public async Task Ask_with_a_bad_image_exits_non_zero_with_its_code(string kind, string code)
    {
        var png = TestImages.Png(TestImages.Noise(64, 64, 3));
        var bytes = kind switch
        {
            "empty" => [],
            "garbage" => "this is not an image at all, just text"u8.ToArray(),
            "truncated" => png[..(png.Length / 3)],
            _ => WithPngSize(png, 30_000, 30_000),
        };
        var (exit, _, error) = await RunAsync("ask", "--model", models.Tiny1, "--image", WriteImage(bytes), "--question", "Total?");
        exit.Should().Be(1);
        error.Should().Contain(code);
    }

    [Fact]
    public async Task Ask_with_a_wrong_model_directory_exits_non_zero()
    {
        var image = WriteImage(TestImages.Png(TestImages.Noise(64, 64, 3)));
        var (exit, _, error) = await RunAsync("ask", "--model", "/nonexistent/model", "--image", image, "--question", "Total?");
        exit.Should().Be(1);
        error.Should().Contain("model.missing_file");
    }

    [Fact]
    public async Task Fetch_without_a_reachable_hub_fails_fast_with_a_clear_message()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "fastvlm-fetch-" + Guid.NewGuid().ToString("N")[..8]);
        var (exit, output, error) = await RunAsync("model", "fetch", "--out", outDir, "--endpoint", "http://127.0.0.1:9/");
        exit.Should().Be(1);
        error.Should().Contain("model.fetch_failed").And.Contain("config.json");
        output.Should().Contain("apple-amlr", "whoever downloads the weights is told that their licence restricts use");
        Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Should().BeEmpty("nothing partial is left behind");
    }

    /// <summary>Rewrites a PNG's IHDR width/height (and its CRC) so the header declares a huge image.</summary>
    private static byte[] WithPngSize(byte[] png, int width, int height)
    {
        var copy = (byte[])png.Clone();
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(20), height);
        var crc = Crc32.HashToUInt32(copy.AsSpan(12, 17));
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(29), crc);
        return copy;
    }
}
