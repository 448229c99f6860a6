using System.Diagnostics;
using System.Text.Json;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

/// <summary>The reference runtime (transformers.js, offline) loads the generated directory and generates from it.</summary>
public class TransformersJsLoadsSyntheticModelTests : IClassFixture<TinySyntheticModelFixture>
{
    private readonly TinySyntheticModelFixture _model;

    public TransformersJsLoadsSyntheticModelTests(TinySyntheticModelFixture model) => _model = model;

    [Fact]
    public async Task Transformers_js_generates_the_requested_number_of_tokens()
    {
        const int newTokens = 6;
        var result = await RunNodeAsync(PeersDirectory(), "load-model.mjs", _model.Directory, "--max-new-tokens", newTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var root = result.RootElement;
        var rows = _model.Result.Dimensions.ImageSize / 64 * (_model.Result.Dimensions.ImageSize / 64);
        root.GetProperty("imageTokens").GetInt32().Should().Be(rows);
        root.GetProperty("newTokens").GetInt32().Should().Be(newTokens);
        root.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32())
            .Should().OnlyContain(id => id >= 0 && id < _model.Result.Vocabulary.TokenCount);
    }

    internal static string PeersDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var peers = Path.Combine(dir.FullName, "tests", "peers");
            if (File.Exists(Path.Combine(peers, "load-model.mjs")))
            {
                return peers;
            }
        }
        throw new InvalidOperationException("tests/peers not found above " + AppContext.BaseDirectory);
    }

    internal static async Task<JsonDocument> RunNodeAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout;
        process.ExitCode.Should().Be(0, "node said: " + await stderr);
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(lastLine);
    }
}
