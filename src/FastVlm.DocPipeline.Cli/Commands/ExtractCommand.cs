using System.CommandLine;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Files;
using Spectre.Console;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe extract</c>: documents and a schema in, stored fields with confidence out.</summary>
internal static class ExtractCommand
{
    public const int DefaultConcurrency = 2;

    public const int MaxConcurrency = 64;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "PDF or image files, folders, or globs (samples/*.pdf, in/**/*.pdf).", Arity = ArgumentArity.OneOrMore };
        var schema = new Option<string>("--schema") { Description = $"Schema JSON file, a built-in schema ({string.Join(", ", EmbeddedSchemas.Names)}), or auto: classify each document among --candidates.", Required = true };
        var classifyOptions = ClassifyOptions.Create();
        var model = new Option<string?>("--model") { Description = $"Model directory (default: {ModelLocator.EnvironmentVariable}, else ./.models/default, else ~/.docpipe/model)." };
        var data = new Option<string?>("--data") { Description = $"Results directory (default: {DataDirectory.EnvironmentVariable}, else ./.data)." };
        var json = new Option<bool>("--json") { Description = "Print the stored document results as JSON on stdout (progress goes to stderr)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Documents in flight at once (rendering one overlaps the model's work on another).", DefaultValueFactory = _ => DefaultConcurrency };
        var force = new Option<bool>("--force") { Description = "Re-extract every page, even those done by an earlier run." };
        var recursive = InputOptions.Recursive();
        var password = InputOptions.Password();
        var passwordFile = InputOptions.PasswordFile();

        var command = new Command("extract", "Extract the schema's fields from documents and store the results.");
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { schema, classifyOptions.Candidates, classifyOptions.Split, classifyOptions.Threshold, model, data, json, concurrency, force, recursive, password, passwordFile })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                var documents = parseResult.GetValue(concurrency);
                if (documents is < 1 or > MaxConcurrency)
                {
                    throw new CliUsageException("usage.concurrency", $"--concurrency must be 1..{MaxConcurrency} (documents in flight; the model works on one page at a time, so more only holds more pages in memory).");
                }

                var schemas = await classifyOptions.ResolveAsync(parseResult, parseResult.GetValue(schema)!, cancellationToken).ConfigureAwait(false);
                var (files, modelDirectory) = await ExtractionInputs.ResolveFilesAndModelAsync(
                    schemas.Schemas, parseResult.GetValue(paths)!, parseResult.GetValue(recursive), parseResult.GetValue(model), stderr).ConfigureAwait(false);
                var passwords = await PdfPasswords.LoadAsync(parseResult.GetValue(password), parseResult.GetValue(passwordFile), stderr, cancellationToken).ConfigureAwait(false);
                var dataDirectory = DataDirectory.Resolve(parseResult.GetValue(data));
                DataDirectory.EnsureWritable(dataDirectory);
                var asJson = parseResult.GetValue(json);

                if (ModelLocator.IsSynthetic(modelDirectory))
                {
                    await stderr.WriteLineAsync($"warning: {modelDirectory} is a synthetic model (random weights): the pipeline runs for real but the answers are meaningless. Fetch the real one with: docpipe model fetch --out .models/default").ConfigureAwait(false);
                }

                var visionModel = await PipelineComponents.LoadModelAsync(modelDirectory, cancellationToken).ConfigureAwait(false);
                try
                {
                    var display = CreateDisplay(files, asJson, stdout, stderr);
                    var runner = new ExtractRunner(schemas, dataDirectory, documents, parseResult.GetValue(force), passwords);
                    var outcomes = await runner.RunAsync(files, visionModel, display, cancellationToken).ConfigureAwait(false);
                    await PrintAsync(outcomes, dataDirectory, asJson, stdout, stderr, cancellationToken).ConfigureAwait(false);
                    return outcomes.All(o => o.Succeeded) ? ExitCodes.Success : ExitCodes.PartialFailure;
                }
                finally
                {
                    (visionModel as IDisposable)?.Dispose();
                }
            });
        });
        return command;
    }

    private static ExtractDisplay CreateDisplay(IReadOnlyList<string> files, bool asJson, TextWriter stdout, TextWriter stderr)
    {
        var terminal = !asJson && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        return terminal ? new LiveExtractDisplay(files, AnsiConsole.Console) : new PlainExtractDisplay(files, stderr);
    }

    private static async Task PrintAsync(
        IReadOnlyList<ExtractRunner.Outcome> outcomes,
        string dataDirectory,
        bool asJson,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var store = new FileResultStore(DataDirectory.Results(dataDirectory));
        var records = new List<DocumentRecord>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Result is not null && await store.GetDocumentAsync(outcome.Result.DocumentId, cancellationToken).ConfigureAwait(false) is { } record)
            {
                records.Add(record);
                foreach (var part in record.Parts)
                {
                    if (await store.GetDocumentAsync(part.DocumentId, cancellationToken).ConfigureAwait(false) is { } partRecord)
                    {
                        records.Add(partRecord);
                    }
                }
            }
            else if (outcome.Error is not null)
            {
                var code = outcome.Error is DocPipelineException e ? e.Code : "error";
                await stderr.WriteLineAsync($"{SafeText.Escape(outcome.Path)}: [{code}] {SafeText.Escape(outcome.Error.Message)}").ConfigureAwait(false);
            }
        }

        if (asJson)
        {
            await stdout.WriteLineAsync(ResultPrinter.ToJson(records)).ConfigureAwait(false);
            return;
        }

        foreach (var record in records)
        {
            ResultPrinter.WriteSummary(stdout, record);
        }

        var succeeded = outcomes.Count(o => o.Succeeded);
        await stdout.WriteLineAsync($"{succeeded}/{outcomes.Count} documents extracted without failures; results in {dataDirectory} (docpipe results list).").ConfigureAwait(false);
    }
}
