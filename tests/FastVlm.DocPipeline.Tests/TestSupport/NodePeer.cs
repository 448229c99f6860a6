using System.Diagnostics;

namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>Runs the Node reference scripts in tests/peers (node and node_modules come from scripts/install-peers.sh).</summary>
internal static class NodePeer
{
    private const string InstallHint = "Run scripts/install-peers.sh first (it installs node and tests/peers/node_modules).";

    /// <summary>Runs <c>node SCRIPT ARGS...</c> in tests/peers and returns its standard output; throws with exit code and stderr on failure.</summary>
    /// <param name="script">A script in tests/peers, e.g. <c>tokenize.mjs</c>.</param>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        if (!Directory.Exists(RepoPaths.PeerModules))
        {
            throw new InvalidOperationException($"'{RepoPaths.PeerModules}' is missing. {InstallHint}");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.Peers };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Peers, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var result = await ChildProcess.RunAsync(start, timeout, InstallHint);
        return result.EnsureSuccess().StandardOutput;
    }
}
