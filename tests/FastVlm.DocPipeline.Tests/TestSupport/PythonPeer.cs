using System.Diagnostics;

namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>
/// Runs the Python reference scripts in tests/peers with Debian's interpreter, which is the one that sees Debian's
/// python3-pil (scripts/install-apt-tools.sh installs it); a python3 earlier on PATH (pyenv, venv) would not.
/// </summary>
internal static class PythonPeer
{
    private const string DebianPython = "/usr/bin/python3";
    private const string InstallHint = "Run scripts/install-apt-tools.sh first (it installs python3-pil).";

    /// <summary>Runs <c>python3 SCRIPT ARGS...</c> in tests/peers and returns its standard output; throws with exit code and stderr on failure.</summary>
    /// <param name="script">A script in tests/peers, e.g. <c>pillow-resize.py</c>.</param>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(File.Exists(DebianPython) ? DebianPython : "python3") { WorkingDirectory = RepoPaths.Peers };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Peers, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var result = await ChildProcess.RunAsync(start, timeout, InstallHint);
        if (result.ExitCode != 0 && result.StandardError.Contains("No module named 'PIL'", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{start.FileName} has no Pillow. {InstallHint}");
        }

        return result.EnsureSuccess().StandardOutput;
    }
}
