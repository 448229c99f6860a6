using System.Diagnostics;
using FastVlm.DocPipeline.Synthetic;
using FastVlm.DocPipeline.Tests.Imaging;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Issue 14: a model whose encoder cannot allocate its tensors is one line with a code and exit 1.</summary>
public sealed class ModelAllocationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-alloc-").FullName;

    [Fact]
    public async Task Ask_on_a_model_too_large_to_encode_exits_1_with_model_out_of_memory()
    {
        // 40,960 px: the encoder input alone is 3 x 40960^2 floats (20 GB). The child runs under an 8 GB address-space
        // limit so the allocation fails at once instead of overcommitting this machine's memory.
        var model = Path.Combine(_root, "model");
        await SyntheticModelGenerator.GenerateAsync(new SyntheticModelOptions { Preset = SyntheticModelPreset.Tiny, Seed = 3, ImageSize = 40_960, OutputDirectory = model });
        var image = Path.Combine(_root, "page.png");
        await File.WriteAllBytesAsync(image, TestImages.Halves(16, 16, SkiaSharp.SKEncodedImageFormat.Png));

        var quiet = await AskUnderMemoryLimitAsync(model, image);
        quiet.ExitCode.Should().Be(1, quiet.StandardError);
        quiet.StandardError.Should().Contain("error [model.out_of_memory]: the model could not allocate memory");
        quiet.StandardError.Should().NotContain("   at ");
    }

    private static Task<ChildProcess.Result> AskUnderMemoryLimitAsync(string model, string image)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "docpipe.dll");
        var command = $"ulimit -v 8000000 && exec dotnet '{cli}' ask --model '{model}' --image '{image}' --question 'What is the total?'";
        var start = new ProcessStartInfo("bash") { ArgumentList = { "-c", command } };
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3), "bash and dotnet must be on PATH.");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
