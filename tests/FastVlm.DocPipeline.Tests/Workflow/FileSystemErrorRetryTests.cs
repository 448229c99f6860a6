using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Workflow;

/// <summary>Issue 19, item 7: a file-system error from the environment has its own code and is not retried.</summary>
public sealed class FileSystemErrorRetryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-io-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_real_path_too_long_fails_once_as_io_path_too_long()
    {
        var calls = 0;
        var tooLong = Path.Combine(_root, new string('n', 300) + ".json");
        var registry = new InProcessActivityRegistry().Add<string, string>("write", async (text, cancellationToken) =>
        {
            calls++;
            await File.WriteAllTextAsync(tooLong, text, cancellationToken);
            return text;
        });
        using var host = new InProcessWorkflowHost(registry);
        var events = new List<WorkflowEvent>();

        var act = () => host.RunAsync("test", ctx => ctx.CallActivityAsync<string>("write", "x", new ActivityRetryPolicy(3, TimeSpan.FromMilliseconds(1))), new SynchronousProgress<WorkflowEvent>(events.Add));

        var error = (await act.Should().ThrowAsync<ActivityFailedException>()).Which;
        error.Code.Should().Be(FileSystemErrors.PathTooLong);
        error.Attempts.Should().Be(1);
        calls.Should().Be(1);
        events.Should().NotContain(e => e.Kind == WorkflowEventKind.ActivityRetrying);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public void Other_io_errors_stay_retryable()
    {
        FileSystemErrors.Classify(new IOException("The process cannot access the file because it is being used by another process.")).Should().BeNull();
        FileSystemErrors.Classify(new PathTooLongException("x"))!.Code.Should().Be(FileSystemErrors.PathTooLong);
    }
}
