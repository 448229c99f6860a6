using System.CommandLine;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Cli.Review.Cloud;
using FastVlm.DocPipeline.Cli.Telemetry;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Events.EventGrid;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Workflow.Events;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// <c>docpipe review [--data DIR | --cosmos URL --storage CONN] [--auth easyauth --save-role R --public-host NAME] [--host H] [--port N] [--token-file PATH]</c>:
/// the review web app over a results folder, or over Cosmos DB and Blob Storage; on loopback with a secret launch
/// URL unless reviewers are authenticated by the platform (docs/review-security.md).
/// </summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"Results directory (default: {DataDirectory.EnvironmentVariable}, else ./.data); not with --cosmos/--storage." };
        var host = new Option<string>("--host") { Description = "Address to listen on; only loopback (127.0.0.1, ::1, localhost) unless --auth easyauth.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0: any free port).", DefaultValueFactory = _ => 5088 };
        var eventsTopic = new Option<Uri?>("--events-topic") { Description = "Event Grid topic endpoint for a DocumentReviewed CloudEvent on each approval (the identity needs EventGrid Data Sender). Default: $DOCPIPE_EVENTS_TOPIC." , DefaultValueFactory = _ => Uri.TryCreate(Environment.GetEnvironmentVariable("DOCPIPE_EVENTS_TOPIC"), UriKind.Absolute, out var topic) ? topic : null };
        var tokenFile = new Option<string?>("--token-file") { Description = "Also write this launch's secret token to PATH (readable by you only), for scripts; the URL printed at start carries it too." };
        var publicHost = new Option<string[]>("--public-host") { Description = "With --auth easyauth: a DNS name the platform serves the app under (repeatable); other Host headers get 421.", AllowMultipleArgumentsPerToken = false };
        var stores = new ReviewStoreOptions();
        var auth = new ReviewAuthOptions();
        var command = new Command("review", "Serve the review web app: the queue, page images with value boxes, keyboard review of each field, approval.");
        command.Options.Add(data);
        command.Options.Add(host);
        command.Options.Add(port);
        command.Options.Add(eventsTopic);
        command.Options.Add(tokenFile);
        command.Options.Add(publicHost);
        stores.AddTo(command);
        auth.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            CommandErrors.RunAsync(parseResult, async () =>
            {
                var error = parseResult.InvocationConfiguration.Error;
                var platform = ReviewPlatform.FromEnvironment();
                var identity = auth.Read(parseResult, Environment.UserName, platform);
                if (identity.AuthenticatesRequests && parseResult.GetValue(tokenFile) is not null)
                {
                    throw new CliUsageException(ReviewServerErrorCodes.TokenFileInvalid, "--token-file is for the local launch token; behind --auth easyauth users sign in instead.");
                }

                if (platform.TrustedOnlyForTests && identity.AuthenticatesRequests)
                {
                    await error.WriteLineAsync($"warning: {ReviewPlatform.TestsOnlyTrustHeadersVariable}=1 makes this server trust forgeable principal headers; it is for tests only.").ConfigureAwait(false);
                }

                var awaitingSignIn = identity.AuthenticatesRequests && platform.AwaitingSignIn;
                if (awaitingSignIn)
                {
                    await error.WriteLineAsync($"docpipe review: serving nothing ({ReviewServerErrorCodes.SignInPending}, 503): {ReviewPlatform.AwaitingSignInReason}.").ConfigureAwait(false);
                }

                var cloud = stores.IsCloud(parseResult);
                if (cloud && parseResult.GetResult(data) is { Implicit: false })
                {
                    throw new CliUsageException("usage.review_source", "Review either a results folder (--data) or Cosmos DB + Blob Storage (--cosmos, --storage), not both.");
                }

                using var cloudStores = cloud ? await stores.OpenAsync(parseResult, error, cancellationToken).ConfigureAwait(false) : null;
                var root = DataDirectory.Resolve(parseResult.GetValue(data));
                IResultStore results = cloudStores?.Results ?? new FileResultStore(DataDirectory.Results(root));
                IPageImageStore pages = cloudStores?.Pages ?? new FilePageImageStore(DataDirectory.PageImages(root));
                var events = parseResult.GetValue(eventsTopic) is { } topic
                    ? new DocumentCompletionNotifier(
                        results,
                        new EventGridCompletionPublisher(new EventGridPublisherOptions
                        {
                            TopicEndpoint = topic,
                            ManagedIdentityClientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
                            Source = "/docpipe/review",
                        }),
                        id => cloudStores is null ? new Uri(Path.Combine(DataDirectory.Results(root), "documents", id, "document.json")).AbsoluteUri : $"documents/{id}")
                    : null;
                using var loggers = CliTelemetry.CreateLoggerFactoryFromEnvironment();
                var options = new ReviewServerOptions
                {
                    Host = parseResult.GetValue(host)!,
                    Port = parseResult.GetValue(port),
                    PublicHosts = parseResult.GetValue(publicHost) ?? [],
                    AwaitingSignIn = awaitingSignIn,
                    AccessLog = new ReviewAccessLog(error, loggers?.CreateLogger("FastVlm.DocPipeline.Review.Access"), identity.AuthenticatesRequests ? "launcher" : Environment.UserName),
                    ErrorLog = error,
                    Events = events,
                };
                await using var server = await ReviewServer.StartAsync(results, pages, identity, options, cancellationToken).ConfigureAwait(false);
                if (server.LaunchToken is { } token && parseResult.GetValue(tokenFile) is { } path)
                {
                    await token.WriteFileAsync(path, cancellationToken).ConfigureAwait(false);
                }

                await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                    $"Reviewing {cloudStores?.Description ?? root} at {server.LaunchUri} (Ctrl+C to stop).").ConfigureAwait(false);
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }));
        return command;
    }
}
