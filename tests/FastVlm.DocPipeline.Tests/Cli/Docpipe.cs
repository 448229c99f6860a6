using System.CommandLine;
using System.Diagnostics;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Runs the real <c>docpipe</c> command tree: in-process with captured output, or as a child process.</summary>
internal static class Docpipe
{
    public sealed record Run(int Exit, string Out, string Err)
    {
        /// <summary>A .NET stack trace line ("   at Namespace.Type.Method(...)").</summary>
        public bool HasStackTrace => Err.Contains("   at ", StringComparison.Ordinal) || Out.Contains("   at ", StringComparison.Ordinal);
    }

    public static async Task<Run> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await DocpipeRoot.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new Run(exit, output.ToString(), error.ToString());
    }

    /// <summary><c>dotnet docpipe.dll ARGS</c> from the test output folder.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "docpipe.dll") } };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static async Task<Run> RunProcessAsync(TimeSpan timeout, params string[] args)
    {
        var result = await ChildProcess.RunAsync(StartInfo(args), timeout, "dotnet must be on PATH.");
        return new Run(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
