using System.CommandLine;
using System.Reflection;
using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Cli.Commands;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the docpipe version.");
        command.SetAction(parseResult =>
        {
            var version = typeof(DocPipelineException).Assembly.GetName().Version;
            parseResult.InvocationConfiguration.Output.WriteLine($"docpipe {version}");
            return 0;
        });
        return command;
    }
}
