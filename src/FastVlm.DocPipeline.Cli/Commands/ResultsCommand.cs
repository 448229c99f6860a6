using System.CommandLine;
using System.Globalization;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe results list|show|reindex</c>: read what <c>docpipe extract</c> stored, rebuild the review-queue index.</summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var command = new Command("results", "List and show stored extraction results.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateReindex());
        return command;
    }

    private static Option<string?> DataOption() =>
        new("--data") { Description = $"Results directory (default: {DataDirectory.EnvironmentVariable}, else ./.data)." };

    private static Command CreateList()
    {
        var status = new Option<string?>("--status") { Description = "Only documents in this status: queued, rasterizing, extracting, completed, failed, cancelled, reviewed." };
        var data = DataOption();
        var json = new Option<bool>("--json") { Description = "Print the document records as JSON." };
        var command = new Command("list", "List stored documents.");
        command.Options.Add(status);
        command.Options.Add(data);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                DocumentStatus? filter = parseResult.GetValue(status) is { } text ? ParseStatus(text) : null;
                var store = new FileResultStore(DataDirectory.Results(DataDirectory.Resolve(parseResult.GetValue(data))));
                var documents = new List<DocumentRecord>();
                var corrupt = new List<StoredDocumentEntry>();
                await foreach (var entry in store.ScanDocumentsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (entry.Record is { } document && (filter is null || document.Status == filter))
                    {
                        documents.Add(document);
                    }
                    else if (entry.Problem is not null)
                    {
                        corrupt.Add(entry);
                    }
                }

                var stderr = parseResult.InvocationConfiguration.Error;
                foreach (var entry in corrupt)
                {
                    await stderr.WriteLineAsync($"warning [{entry.Problem!.Code}]: document {entry.DocumentId} left out: {entry.Problem.Message}").ConfigureAwait(false);
                }

                var exit = corrupt.Count == 0 ? ExitCodes.Success : ExitCodes.PartialFailure;

                documents.Sort((a, b) => b.UpdatedAt.CompareTo(a.UpdatedAt));
                if (parseResult.GetValue(json))
                {
                    await stdout.WriteLineAsync(ResultPrinter.ToJson(documents)).ConfigureAwait(false);
                    return exit;
                }

                foreach (var d in documents)
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{d.DocumentId}  {d.Status.ToString().ToLowerInvariant(),-11}  {d.Schema.Name,-14}  {d.PagesDone}/{d.PageCount} pages  {(d.NeedsReview ? "review" : "ok    ")}  {d.UpdatedAt:yyyy-MM-dd HH:mm}Z  {SafeText.Escape(Path.GetFileName(d.Source.Name))}")).ConfigureAwait(false);
                }

                if (documents.Count == 0)
                {
                    await stdout.WriteLineAsync(corrupt.Count == 0 ? "No documents." : "No readable documents.").ConfigureAwait(false);
                }

                return exit;
            });
        });
        return command;
    }

    private static Command CreateReindex()
    {
        var data = DataOption();
        var command = new Command("reindex", "Rebuild the review-queue index (index.db) from the document files.");
        command.Options.Add(data);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                var store = new FileResultStore(DataDirectory.Results(DataDirectory.Resolve(parseResult.GetValue(data))));
                var (indexed, unreadable) = await store.ReindexAsync(cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{store.IndexPath}: {indexed} documents indexed, {unreadable} unreadable.")).ConfigureAwait(false);
                if (unreadable > 0)
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync("The unreadable documents stay in the review queue as entries with their fix; docpipe results list names them.").ConfigureAwait(false);
                }

                return unreadable == 0 ? ExitCodes.Success : ExitCodes.PartialFailure;
            });
        });
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("id") { Description = "Document id (or a unique prefix of it)." };
        var data = DataOption();
        var json = new Option<bool>("--json") { Description = "Print {document, pages, runs} as JSON." };
        var command = new Command("show", "Show one document: fields, page answers, runs.");
        command.Arguments.Add(id);
        command.Options.Add(data);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                var store = new FileResultStore(DataDirectory.Results(DataDirectory.Resolve(parseResult.GetValue(data))));
                var document = await FindAsync(store, parseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
                var pages = await store.GetPagesAsync(document.DocumentId, cancellationToken).ConfigureAwait(false);
                var runs = await store.GetRunsAsync(document.DocumentId, cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(json))
                {
                    await stdout.WriteLineAsync(ResultPrinter.ToJson(new { document, pages, runs })).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                ResultPrinter.WriteSummary(stdout, document);
                await stdout.WriteLineAsync($"source  {SafeText.Escape(document.Source.Name)} (sha256 {document.Source.Sha256}, {document.Source.Size} bytes)").ConfigureAwait(false);
                foreach (var page in pages)
                {
                    await stdout.WriteLineAsync($"page {page.Page}  {page.Status}  {page.ImageName}").ConfigureAwait(false);
                    foreach (var (field, answer) in page.Answers)
                    {
                        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    {field}: \"{ResultPrinter.OneLine(answer.Raw)}\" ({answer.Confidence:F2}{(answer.Found ? "" : ", not found")})")).ConfigureAwait(false);
                    }
                }

                foreach (var run in runs)
                {
                    await stdout.WriteLineAsync($"run {run.RunId}  {run.Status.ToString().ToLowerInvariant()}  started {run.StartedAt:u}{(run.Forced ? "  forced" : "")}  skipped {run.PagesSkipped.Count}  failed {run.FailedPages.Count}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static async Task<DocumentRecord> FindAsync(FileResultStore store, string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new CliUsageException("usage.document_id", "Give a document id or a unique prefix of it (docpipe results list shows them).");
        }

        if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new CliUsageException("results.not_found", $"No document '{SafeText.Escape(id)}' in {store.Root}: ids are letters, digits, '-', '_' and '.' (docpipe results list shows what is there).");
        }

        if (await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false) is { } exact)
        {
            return exact;
        }

        var matches = new List<StoredDocumentEntry>();
        await foreach (var entry in store.ScanDocumentsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            matches.Add(entry);
        }

        return matches.Count switch
        {
            1 => matches[0].Record ?? throw matches[0].Problem!,
            0 => throw new CliUsageException("results.not_found", $"No document '{id}' in {store.Root} (docpipe results list shows what is there)."),
            _ => throw new CliUsageException("results.ambiguous", $"'{id}' matches {matches.Count} documents; give more of the id."),
        };
    }

    private static DocumentStatus ParseStatus(string text)
    {
        foreach (var status in Enum.GetValues<DocumentStatus>())
        {
            if (string.Equals(status.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        throw new CliUsageException("usage.status", $"--status must be one of queued, rasterizing, extracting, completed, failed, cancelled, reviewed (not '{text}').");
    }
}
