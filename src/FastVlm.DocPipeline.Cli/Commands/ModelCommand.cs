using System.CommandLine;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe model ...</c>: model directory tools. Each subcommand lives in its own file.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Create, check and fetch FastVLM model directories.");
        command.Subcommands.Add(ModelSynthCommand.Create());
        command.Subcommands.Add(ModelCheckCommand.Create());
        command.Subcommands.Add(ModelFetchCommand.Create());
        return command;
    }
}
