using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Issue 14, case 7: --threads is bounded by the machine and a bad value is one line with a code, no stack trace.</summary>
public sealed class ThreadsOptionTests
{
    public static TheoryData<string> OutOfRange => new() { "-1", "100000", "1000", (EngineCliOptions.MaxThreads + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task Out_of_range_threads_exit_1_before_any_model_is_loaded(string threads)
    {
        var image = Path.Combine(Path.GetTempPath(), $"docpipe-{Guid.NewGuid():N}.png");
        foreach (var args in new[]
        {
            new[] { "ask", "--model", "/nonexistent-model", "--image", image, "--question", "q", "--threads", threads },
            new[] { "model", "check", "--model", "/nonexistent-model", "--threads", threads },
        })
        {
            var run = await Docpipe.RunAsync(args);

            run.Exit.Should().Be(1, run.Err);
            run.Err.Should().Contain($"error [usage.threads]: --threads must be 0 (ONNX Runtime's choice) or 1..{Environment.ProcessorCount * 4}")
                .And.Contain($"not {threads}");
            run.HasStackTrace.Should().BeFalse();
        }
    }
}
