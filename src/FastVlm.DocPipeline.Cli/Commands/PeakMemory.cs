using System.Globalization;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>The process's peak resident set, for the benchmark commands.</summary>
internal static class PeakMemory
{
    /// <summary>VmHWM from /proc/self/status, in MB; 0 where /proc is absent.</summary>
    public static double ResidentMb()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
