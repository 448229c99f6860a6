using System.CommandLine;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary><c>docpipe review --data DIR --host 127.0.0.1 --port N</c>: the review web app over a results folder, on loopback.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"Results directory (default: {DataDirectory.EnvironmentVariable}, else ./.data)." };
        var host = new Option<string>("--host") { Description = "Address to listen on; only loopback (127.0.0.1, ::1, localhost) unless authentication is configured.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0: any free port).", DefaultValueFactory = _ => 5088 };
        var command = new Command("review", "Serve the review web app: the queue, page images with value boxes, keyboard review of each field, approval.");
        command.Options.Add(data);
        command.Options.Add(host);
        command.Options.Add(port);
        command.SetAction((parseResult, cancellationToken) =>
            CommandErrors.RunAsync(parseResult, async () =>
            {
                var root = DataDirectory.Resolve(parseResult.GetValue(data));
                var options = new ReviewServerOptions { Host = parseResult.GetValue(host)!, Port = parseResult.GetValue(port) };
                await using var server = await ReviewServer.StartAsync(
                    new FileResultStore(DataDirectory.Results(root)),
                    new FilePageImageStore(DataDirectory.PageImages(root)),
                    new LocalReviewerIdentity(),
                    options,
                    cancellationToken).ConfigureAwait(false);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Reviewing {root} at {server.Address} (Ctrl+C to stop).").ConfigureAwait(false);
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }));
        return command;
    }
}
