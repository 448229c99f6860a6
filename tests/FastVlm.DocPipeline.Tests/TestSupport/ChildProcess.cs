using System.ComponentModel;
using System.Diagnostics;

namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>Runs a tool to completion with its output captured and a time limit (the whole process tree is killed on timeout).</summary>
internal static class ChildProcess
{
    /// <summary>What the process printed and how it ended.</summary>
    public sealed record Result(string Description, int ExitCode, string StandardOutput, string StandardError)
    {
        /// <summary>Throws with the exit code, stderr and stdout unless the process exited with 0.</summary>
        public Result EnsureSuccess()
        {
            if (ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{Description} failed with exit code {ExitCode}.\nstderr:\n{StandardError}\nstdout:\n{StandardOutput}");
            }

            return this;
        }
    }

    /// <param name="start">File, arguments, working directory and environment; output redirection is set here.</param>
    /// <param name="timeout">How long the process may run before its tree is killed and <see cref="TimeoutException"/> is thrown.</param>
    /// <param name="whenMissing">What to do when the executable cannot be started (e.g. which script installs it).</param>
    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan timeout, string whenMissing)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var description = Describe(start);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{description} did not start. {whenMissing}");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start {start.FileName} ({ex.Message}). {whenMissing}", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException($"{description} did not finish within {timeout}.\nstderr:\n{await stderr}");
            }

            return new Result(description, process.ExitCode, await stdout, await stderr);
        }
    }

    private static string Describe(ProcessStartInfo start) =>
        string.Join(' ', new[] { Path.GetFileName(start.FileName) }.Concat(start.ArgumentList.Take(2).Select(Path.GetFileName)));
}
