using System.Diagnostics;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>
/// Issue 14, case 9: SIGINT and SIGTERM to a real <c>docpipe extract</c> child process stop the work, record the
/// runs as cancelled, leave no temp file, print "cancelled" and exit 130; the next run resumes.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CancellationTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-cancel-").FullName;

    private string Data => Path.Combine(_root, "data");

    private string[] ExtractArgs => ["extract", RepoPaths.Samples, "--schema", "invoice", "--model", fixture.ModelDirectory, "--data", Data, "--concurrency", "2"];

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_cancels_cleanly_marks_the_runs_cancelled_and_exits_130(string signal)
    {
        var (exit, stderr) = await RunAndSignalAsync(ExtractArgs, signal, times: 1);

        exit.Should().Be(130, stderr);
        stderr.Should().Contain($"SIG{signal}: cancelling").And.Contain("cancelled");
        stderr.Should().NotContain("   at ");
        var store = new FileResultStore(Data);
        var documents = await store.ListDocumentsAsync().ToListAsync();
        documents.Should().NotBeEmpty("the signal came after a document started");
        documents.Select(d => d.Status).Should().OnlyContain(s => s == DocumentStatus.Completed || s == DocumentStatus.Failed || s == DocumentStatus.Cancelled);
        documents.Should().Contain(d => d.Status == DocumentStatus.Cancelled, "seven documents cannot all finish between the first page and the signal");
        foreach (var document in documents)
        {
            var runs = await store.GetRunsAsync(document.DocumentId);
            runs.Select(r => r.Status).Should().OnlyContain(s => s == DocumentStatus.Completed || s == DocumentStatus.Failed || s == DocumentStatus.Cancelled);
        }

        Directory.EnumerateFiles(Data, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();

        var again = await Docpipe.RunProcessAsync(TimeSpan.FromMinutes(5), ExtractArgs);
        again.Exit.Should().Be(0, again.Err);
        (await store.ListDocumentsAsync().ToListAsync()).Select(d => d.Status).Should().OnlyContain(s => s == DocumentStatus.Completed);
    }

    [Fact]
    public async Task A_second_signal_ends_the_process_at_once()
    {
        var (exit, stderr) = await RunAndSignalAsync(ExtractArgs, "INT", times: 2);

        exit.Should().NotBe(0, stderr);
        stderr.Should().Contain("SIGINT: cancelling");
    }

    [Fact]
    public async Task Temp_files_left_by_a_crashed_run_are_swept_on_the_next_run_and_fresh_ones_kept()
    {
        var pages = Path.Combine(Data, "pages", "someone");
        Directory.CreateDirectory(pages);
        var stale = Path.Combine(pages, $".page-0001.png.{Guid.NewGuid():N}.tmp");
        var fresh = Path.Combine(pages, $".page-0002.png.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(stale, "half a png");
        await File.WriteAllTextAsync(fresh, "a write in flight");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - StaleTempFiles.MinimumAge - TimeSpan.FromMinutes(1));

        var run = await Docpipe.RunAsync("extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Data);

        run.Exit.Should().Be(0, run.Err);
        File.Exists(stale).Should().BeFalse();
        File.Exists(fresh).Should().BeTrue("another process may still rename it into place");
    }

    /// <summary>Starts extract, waits for its first finished page, sends the signal <paramref name="times"/> times and waits for the exit.</summary>
    private static async Task<(int Exit, string Stderr)> RunAndSignalAsync(string[] args, string signal, int times)
    {
        var start = Docpipe.StartInfo(args);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        var firstPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data.Contains(" done in ", StringComparison.Ordinal))
            {
                firstPage.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await firstPage.Task.WaitAsync(TimeSpan.FromMinutes(3));
            for (var i = 0; i < times; i++)
            {
                var kill = new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
                (await ChildProcess.RunAsync(kill, TimeSpan.FromSeconds(30), "kill must be on PATH.")).EnsureSuccess();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            await stdout;
            lock (stderr)
            {
                return (process.ExitCode, stderr.ToString());
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
