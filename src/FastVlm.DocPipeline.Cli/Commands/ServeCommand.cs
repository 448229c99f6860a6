using System.CommandLine;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Cli.Events;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Cli.Serve;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>
/// <c>docpipe serve</c>: the local host of the Azure data plane. Picks up PDFs from the <c>incoming</c> container
/// (listing with checkpoints, or BlobCreated messages of a storage queue), runs the document workflow for each
/// with bounded concurrency, stores results in Cosmos DB and page images in the <c>pages</c> container.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var storage = new Option<string?>("--storage")
        {
            Description = "Storage connection string (Azurite: UseDevelopmentStorage=true) or blob endpoint https://ACCOUNT.blob.core.windows.net (DefaultAzureCredential). Default: $DOCPIPE_STORAGE.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DOCPIPE_STORAGE"),
        };
        var incoming = new Option<string>("--incoming") { Description = "Container of the documents to process.", DefaultValueFactory = _ => "incoming" };
        var pages = new Option<string>("--pages") { Description = "Container of the rendered page PNGs.", DefaultValueFactory = _ => "pages" };
        var resultsCopy = new Option<string?>("--results-container") { Description = "Also write each result as JSON to this container (e.g. results)." };
        var schema = new Option<string>("--schema") { Description = "Extraction schema: a built-in name (invoice, receipt, form, …), a JSON file, or auto (classify each document among --candidates).", DefaultValueFactory = _ => "invoice" };
        var classifyOptions = ClassifyOptions.Create();
        var once = new Option<bool>("--once") { Description = "Process what is there now, then exit." };
        var concurrency = new Option<int>("--concurrency") { Description = "Documents processed at the same time.", DefaultValueFactory = _ => 1 };
        var pollInterval = new Option<double>("--poll-interval") { Description = "Seconds between two looks at the container (or the queue).", DefaultValueFactory = _ => 5 };
        var queue = new Option<string?>("--queue") { Description = "Take blob names from this storage queue (Event Grid BlobCreated events or plain names) instead of listing." };
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Attempts per document when a service is unavailable, before leaving it for a later run.", DefaultValueFactory = _ => 5 };
        var retryDelay = new Option<double>("--retry-delay") { Description = "Seconds before the first retry of a document (doubles per attempt).", DefaultValueFactory = _ => 2 };
        var cosmosRetries = new Option<int>("--cosmos-retries") { Description = "Retries of one Cosmos DB request on 503/timeouts/connection failures (the SDK retries 429 itself).", DefaultValueFactory = _ => 6 };
        var createIfMissing = new Option<bool>("--create-if-missing") { Description = "Create the Cosmos DB database and container when missing (needs key auth or control-plane rights)." };
        var fastRetries = new Option<bool>("--fast-activity-retries") { Description = "Millisecond activity retry delays (tests)." };
        var webhook = ServeWebhook.CreateOption();
        var password = new Option<string?>("--password") { Description = "Password of encrypted PDFs in the container. Never logged or stored." };
        var cosmos = new CosmosConnectionOptions();
        var engine = new EngineCliOptions();

        var command = new Command("serve", "Process PDFs arriving in Blob Storage and store the results in Cosmos DB (local stand-in for the Functions host).");
        foreach (var option in new Option[] { storage, incoming, pages, resultsCopy, schema, classifyOptions.Candidates, classifyOptions.Split, classifyOptions.Threshold, once, concurrency, pollInterval, queue, maxAttempts, retryDelay, cosmosRetries, createIfMissing, fastRetries, webhook, password })
        {
            command.Options.Add(option);
        }

        cosmos.AddTo(command);
        engine.AddTo(command);

        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommandErrors.RunAsync(error, async () =>
            {
                var storageText = parseResult.GetValue(storage);
                if (string.IsNullOrWhiteSpace(storageText))
                {
                    throw new CliUsageException("Give the storage account with --storage (connection string or blob endpoint), or set DOCPIPE_STORAGE.");
                }

                var hostOptions = new IngestionHostOptions
                {
                    Once = parseResult.GetValue(once),
                    Concurrency = Positive(parseResult.GetValue(concurrency), "--concurrency"),
                    PollInterval = TimeSpan.FromSeconds(Math.Max(0.1, parseResult.GetValue(pollInterval))),
                    QueueName = parseResult.GetValue(queue),
                    MaxAttempts = Positive(parseResult.GetValue(maxAttempts), "--max-attempts"),
                    RetryDelay = TimeSpan.FromSeconds(Math.Max(0, parseResult.GetValue(retryDelay))),
                };
                var storageOptions = BlobStorageOptions.Parse(storageText);
                storageOptions.IncomingContainer = parseResult.GetValue(incoming)!;
                storageOptions.PagesContainer = parseResult.GetValue(pages)!;
                var resultsContainer = parseResult.GetValue(resultsCopy);
                if (resultsContainer is not null)
                {
                    storageOptions.ResultsContainer = resultsContainer;
                }

                if (hostOptions.QueueName is { } queueName)
                {
                    BlobNames.Require(queueName, "queue");
                }

                var blobService = BlobClients.CreateBlobServiceClient(storageOptions);
                var queueService = hostOptions.QueueName is null ? null : BlobClients.CreateQueueServiceClient(storageOptions);
                var cosmosOptions = cosmos.Read(parseResult, parseResult.GetValue(createIfMissing), error)
                    ?? throw new CliUsageException("A Cosmos DB endpoint is required.");
                cosmosOptions.MaxTransientRetries = Math.Max(0, parseResult.GetValue(cosmosRetries));
                var engineOptions = engine.Read(parseResult);
                var schemas = await classifyOptions.ResolveAsync(parseResult, parseResult.GetValue(schema)!, cancellationToken).ConfigureAwait(false);

                using var loggerFactory = LoggerFactory.Create(builder => builder
                    .SetMinimumLevel(LogLevel.Information)
                    .AddFilter("Microsoft", LogLevel.Warning)
                    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                    .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }));

                using var store = new CosmosResultStore(cosmosOptions, loggerFactory.CreateLogger<CosmosResultStore>());
                await store.GetContainerAsync(cancellationToken).ConfigureAwait(false);
                await using var model = new ServeModel(engineOptions, loggerFactory.CreateLogger("FastVlm.DocPipeline.Model"));
                var activities = new DocumentActivities(
                    new BlobDocumentSource(blobService, storageOptions),
                    parseResult.GetValue(password) is { } secret
                        ? new PasswordRasterizer(new DocumentRasterizer(), await PdfPasswords.LoadAsync(secret, null, TextWriter.Null, cancellationToken).ConfigureAwait(false))
                        : new DocumentRasterizer(),
                    model.GetAsync,
                    store,
                    new BlobPageImageStore(blobService, storageOptions));
                using var pipeline = new InProcessDocumentPipeline(activities);
                var processor = new WorkflowDocumentProcessor(
                    pipeline,
                    schemas,
                    store,
                    async ct => await model.GetAsync(ct).ConfigureAwait(false),
                    resultsContainer is null ? null : new BlobResultPublisher(blobService, storageOptions),
                    parseResult.GetValue(fastRetries) ? WorkflowRetryPolicies.Fast : null,
                    loggerFactory.CreateLogger<WorkflowDocumentProcessor>());
                using var webhookPublisher = await ServeWebhook.StartAsync(parseResult.GetValue(webhook), loggerFactory, cancellationToken).ConfigureAwait(false);
                var publishing = ServeWebhook.Wrap(processor, store, cosmosOptions, webhookPublisher);
                var host = new IngestionHost(blobService, queueService, storageOptions, publishing, hostOptions, loggerFactory.CreateLogger<IngestionHost>());

                var summary = await host.RunAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"serve: {summary}").ConfigureAwait(false);
                return ExitCodeOf(summary);
            });
        });
        return command;
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new CliUsageException($"{option} must be positive.");

    /// <summary>Like <c>extract</c>: 2 when documents failed or have failed pages, 3 when some could not be processed at all.</summary>
    internal static int ExitCodeOf(IngestionSummary summary) =>
        summary.Pending > 0 ? ExitCodes.InternalError
        : summary.Failed > 0 || summary.PartiallyFailed > 0 ? ExitCodes.PartialFailure
        : ExitCodes.Success;
}
