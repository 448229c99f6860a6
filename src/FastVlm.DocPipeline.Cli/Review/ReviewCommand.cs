using System.CommandLine;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Extract;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary><c>docpipe review --data DIR --port N</c>: the review web app on 127.0.0.1.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"Results directory (default: {DataDirectory.EnvironmentVariable}, else ./.data)." };
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (0: any free port).", DefaultValueFactory = _ => 5088 };
        var command = new Command("review", "Serve the review web app on 127.0.0.1: page images with value boxes, editable fields, saved corrections.");
        command.Options.Add(data);
        command.Options.Add(port);
        command.SetAction((parseResult, cancellationToken) =>
            CommandErrors.RunAsync(parseResult.InvocationConfiguration.Error, async () =>
            {
                var options = new ReviewServerOptions
                {
                    DataDirectory = DataDirectory.Results(DataDirectory.Resolve(parseResult.GetValue(data))),
                    Port = parseResult.GetValue(port),
                };
                await using var server = await ReviewServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Reviewing {options.DataDirectory} at {server.Address} (Ctrl+C to stop).").ConfigureAwait(false);
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }));
        return command;
    }
}
