using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>
/// <c>docpipe bench-queue</c> (hidden, see scripts/bench-queue.sh): fills a store with documents shaped like real
/// extractions and times review-queue requests through <see cref="DocumentReviewService"/>: a 50-line page, the next
/// page, a search, limit=1 and the schema list. On the file store it also times the full scan the index replaced; on
/// the local Cosmos server it counts the items each request brought back (the compat layer's /_compat/stats).
/// </summary>
internal static class BenchQueueCommand
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    public static Command Create()
    {
        var storeKind = new Option<string>("--store") { Description = "file or cosmos.", DefaultValueFactory = _ => "file" };
        var data = new Option<string?>("--data") { Description = "File store folder (default: a new temporary folder, deleted after)." };
        var count = new Option<int>("--documents") { Description = "Documents to generate.", DefaultValueFactory = _ => 5000 };
        var requests = new Option<int>("--requests") { Description = "Timed requests of each kind.", DefaultValueFactory = _ => 40 };
        var scans = new Option<int>("--scans") { Description = "Timed full scans (the fallback without an index; file store only).", DefaultValueFactory = _ => 5 };
        var command = new Command("bench-queue", "Benchmark review-queue requests (see scripts/bench-queue.sh).") { Hidden = true };
        command.Options.Add(storeKind);
        command.Options.Add(data);
        command.Options.Add(count);
        command.Options.Add(requests);
        command.Options.Add(scans);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult.InvocationConfiguration.Error, async () =>
            {
                var n = parseResult.GetValue(count);
                var times = parseResult.GetValue(requests);
                switch (parseResult.GetValue(storeKind))
                {
                    case "file":
                        var keep = parseResult.GetValue(data);
                        var root = keep ?? Directory.CreateTempSubdirectory("docpipe-bench-queue-").FullName;
                        try
                        {
                            await BenchFileAsync(output, root, n, times, parseResult.GetValue(scans), cancellationToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            if (keep is null)
                            {
                                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                                Directory.Delete(root, recursive: true);
                            }
                        }

                        break;
                    case "cosmos":
                        await BenchCosmosAsync(output, n, times, cancellationToken).ConfigureAwait(false);
                        break;
                    case var other:
                        throw new ArgumentException($"--store must be file or cosmos, not '{other}'.");
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static async Task BenchFileAsync(TextWriter output, string root, int n, int times, int scans, CancellationToken cancellationToken)
    {
        var store = new FileResultStore(root);
        var existing = Directory.Exists(Path.Combine(root, "documents")) ? Directory.GetDirectories(Path.Combine(root, "documents")).Length : 0;
        if (existing < n)
        {
            await GenerateAsync(output, store, existing, n, 2, cancellationToken).ConfigureAwait(false);
        }

        var bytes = Directory.EnumerateFiles(Path.Combine(root, "documents"), "document.json", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"file store {root}: {n} documents, document.json {bytes / 1e6:F1} MB ({bytes / n / 1024.0:F1} KB each)")).ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(store.IndexPath);
        var build = Stopwatch.StartNew();
        await store.QueryQueueAsync(new ReviewQueueQuery { Limit = 1 }, DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"first request, index built from the files: {build.Elapsed.TotalMilliseconds:F0} ms")).ConfigureAwait(false);

        var service = new DocumentReviewService(store);
        await TimeRequestsAsync(output, service, times, null, cancellationToken).ConfigureAwait(false);
        if (scans > 0)
        {
            var scanning = new DocumentReviewService(new ScanOnly(store));
            await output.WriteLineAsync("without the index (a read of every document.json, as before):").ConfigureAwait(false);
            await TimeAsync(output, "queue page (50), scan", scans, () => scanning.GetQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.NeedsReview, Limit = 50 }, cancellationToken), null).ConfigureAwait(false);
        }
    }

    private static async Task BenchCosmosAsync(TextWriter output, int n, int times, CancellationToken cancellationToken)
    {
        var endpoint = Environment.GetEnvironmentVariable("DOCPIPE_TEST_COSMOS_ENDPOINT")
            ?? throw new ArgumentException("Set DOCPIPE_TEST_COSMOS_ENDPOINT and DOCPIPE_TEST_COSMOS_KEY (scripts/services.sh start; . .services/env).");
        var options = new CosmosResultStoreOptions
        {
            Endpoint = new Uri(endpoint),
            Key = Environment.GetEnvironmentVariable("DOCPIPE_TEST_COSMOS_KEY"),
            DatabaseName = "bench" + Guid.NewGuid().ToString("N")[..8],
            ContainerName = "documents",
            CreateIfNotExists = true,
            AcceptSelfSignedCertificate = true,
        };
        using var store = new CosmosResultStore(options);
        await GenerateAsync(output, store, 0, n, 8, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"local Cosmos server {endpoint}: {n} documents")).ConfigureAwait(false);
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        var stats = new Uri(new Uri(endpoint), "/_compat/stats");
        await TimeRequestsAsync(output, new DocumentReviewService(store), times, new CompatStats(http, stats), cancellationToken).ConfigureAwait(false);
    }

    private static async Task TimeRequestsAsync(TextWriter output, DocumentReviewService service, int times, CompatStats? stats, CancellationToken cancellationToken)
    {
        var page = new ReviewQueueQuery { View = ReviewQueueView.NeedsReview, Limit = 50 };
        var first = await service.GetQueueAsync(page, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"needsReview first page: {first.Documents.Count} lines, truncated {first.Truncated}")).ConfigureAwait(false);
        await output.WriteLineAsync("request                         p50 ms   p95 ms   items back per request").ConfigureAwait(false);
        await TimeAsync(output, "queue page (50)", times, () => service.GetQueueAsync(page, cancellationToken), stats).ConfigureAwait(false);
        await TimeAsync(output, "next page (50, continuation)", times, () => service.GetQueueAsync(page with { Continuation = first.Continuation }, cancellationToken), stats).ConfigureAwait(false);
        await TimeAsync(output, "search 'vendor 17' (50)", times, () => service.GetQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent, Search = "vendor 17 ", Limit = 50 }, cancellationToken), stats).ConfigureAwait(false);
        await TimeAsync(output, "search, no match (50)", times, () => service.GetQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent, Search = "no such text", Limit = 50 }, cancellationToken), stats).ConfigureAwait(false);
        await TimeAsync(output, "limit=1", times, () => service.GetQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent, Limit = 1 }, cancellationToken), stats).ConfigureAwait(false);
        await TimeAsync(output, "schema list", times, () => service.ListSchemaNamesAsync(cancellationToken), stats).ConfigureAwait(false);
    }

    private static async Task TimeAsync<T>(TextWriter output, string name, int times, Func<Task<T>> request, CompatStats? stats)
    {
        await request().ConfigureAwait(false);
        if (stats is not null)
        {
            await stats.ResetAsync().ConfigureAwait(false);
        }

        var elapsed = new List<double>(times);
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            await request().ConfigureAwait(false);
            elapsed.Add(watch.Elapsed.TotalMilliseconds);
        }

        var items = stats is null ? "" : await stats.PerRequestAsync(times).ConfigureAwait(false);
        elapsed.Sort();
        var p50 = elapsed[(elapsed.Count - 1) / 2];
        var p95 = elapsed[Math.Max(0, (int)Math.Ceiling(elapsed.Count * 0.95) - 1)];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name,-30} {p50,8:F1} {p95,8:F1}   {items}")).ConfigureAwait(false);
    }

    private static async Task GenerateAsync(TextWriter output, IResultStore store, int from, int n, int parallelism, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(from, n, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var document = Document(i);
            await store.UpdateDocumentAsync(document.DocumentId, _ => document, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"generated {n - from} documents in {watch.Elapsed.TotalSeconds:F1} s")).ConfigureAwait(false);
    }

    /// <summary>An invoice as an extraction stores it: ten fields with raw text, grounding, the model's answer and an alternative, and a table of line items.</summary>
    internal static DocumentRecord Document(int i)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{i:x8}{(uint)(i * 2654435761u):x8}");
        var vendor = string.Create(CultureInfo.InvariantCulture, $"Vendor {i % 50} Trading GmbH");
        var flagged = i % 20 < 14;
        var status = (i % 20) switch { 14 or 15 => DocumentStatus.Reviewed, 16 => DocumentStatus.Failed, _ => DocumentStatus.Completed };
        var fields = new Dictionary<string, FieldResult>(StringComparer.Ordinal);
        string[] names = ["invoiceNumber", "invoiceDate", "dueDate", "vendorName", "customerName", "purchaseOrder", "subtotal", "tax", "total"];
        foreach (var name in names)
        {
            var raw = name == "vendorName" ? vendor : string.Create(CultureInfo.InvariantCulture, $"{name} value {i}-{name.Length}");
            fields[name] = new FieldResult
            {
                Value = JsonValue.Create(raw),
                Raw = raw,
                Found = true,
                Confidence = flagged && name == "total" ? 0.42 : 0.97,
                Page = 1,
                NeedsReview = flagged && name == "total",
                Grounding = $"… the line of the page where {name} reads \"{raw}\", with some words around it as the model saw them …",
                Alternatives = name is "total" or "invoiceDate" ? [new FieldAlternative { Value = JsonValue.Create(raw + "0"), Raw = raw + "0", Confidence = 0.21 }] : null,
                Model = new FieldModelAnswer { Value = JsonValue.Create(raw), Raw = raw, Confidence = 0.9 },
            };
        }

        var rows = Enumerable.Range(1, 3).Select(r => new TableRowResult
        {
            Page = 1 + (r / 8),
            Raw = string.Create(CultureInfo.InvariantCulture, $"{r}  Item number {r} of the order  {r * 3}  EUR {r * 12.5m:F2}"),
            Confidence = 0.93,
            Cells = new Dictionary<string, TableCellResult>(StringComparer.Ordinal)
            {
                ["description"] = new() { Value = JsonValue.Create($"Item number {r} of the order"), Raw = $"Item number {r} of the order", Confidence = 0.95 },
                ["quantity"] = new() { Value = JsonValue.Create(r * 3), Raw = (r * 3).ToString(CultureInfo.InvariantCulture), Confidence = 0.97 },
                ["unitPrice"] = new() { Value = JsonValue.Create(12.5m), Raw = "EUR 12.50", Currency = "EUR", Confidence = 0.96 },
                ["amount"] = new() { Value = JsonValue.Create(r * 12.5m), Raw = string.Create(CultureInfo.InvariantCulture, $"EUR {r * 12.5m:F2}"), Currency = "EUR", Confidence = 0.96 },
            },
        }).ToList();
        fields["lineItems"] = new FieldResult { Value = JsonSerializer.SerializeToNode(rows.Select(r => r.Cells.ToDictionary(c => c.Key, c => c.Value.Value?.DeepClone()))), Found = true, Confidence = 0.9, Page = 1, Rows = rows };
        var at = T0.AddSeconds(i * 7);
        return new DocumentRecord
        {
            Id = id,
            DocumentId = id,
            RunId = "run-" + id[..8],
            FieldsRunId = "run-" + id[..8],
            Source = new SourceInfo("incoming", $"/data/incoming/2026-01/scan-{i:D6}.pdf", null, new string('a', 64), 180_000 + i),
            Schema = new SchemaRef(i % 10 == 3 ? "receipt" : "invoice", "1"),
            Status = status,
            PageCount = 2,
            PagesDone = status == DocumentStatus.Failed ? 1 : 2,
            PagesFailed = status == DocumentStatus.Failed ? 1 : 0,
            NeedsReview = flagged,
            Fields = fields,
            Model = new ModelInfo("fastvlm-0.5b", new Dictionary<string, string> { ["vision"] = "fp16", ["decoder"] = "q4" }, "cpu"),
            TimingsMs = new Dictionary<string, double> { ["rasterize"] = 120.5, ["encode"] = 800.25, ["decode"] = 2400.75, ["total"] = 3400.5 },
            CreatedAt = at,
            UpdatedAt = at,
            CompletedAt = at,
        };
    }

    /// <summary>The store without its queue index: the review service falls back to reading every document.</summary>
    private sealed class ScanOnly(IResultStore inner) : IResultStore
    {
        public Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetDocumentAsync(documentId, cancellationToken);

        public Task<DocumentRecord> UpdateDocumentAsync(string documentId, Func<DocumentRecord?, DocumentRecord> update, CancellationToken cancellationToken = default) =>
            inner.UpdateDocumentAsync(documentId, update, cancellationToken);

        public Task<ReviewRecord?> GetReviewAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetReviewAsync(documentId, cancellationToken);

        public Task<ReviewRecord> UpdateReviewAsync(string documentId, Func<ReviewRecord?, ReviewRecord> update, CancellationToken cancellationToken = default) =>
            inner.UpdateReviewAsync(documentId, update, cancellationToken);

        public Task<IReadOnlyList<PageRecord>> GetPagesAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetPagesAsync(documentId, cancellationToken);

        public Task UpsertPageAsync(PageRecord page, CancellationToken cancellationToken = default) => inner.UpsertPageAsync(page, cancellationToken);

        public Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default) => inner.UpsertRunAsync(run, cancellationToken);

        public Task<IReadOnlyList<RunRecord>> GetRunsAsync(string documentId, CancellationToken cancellationToken = default) => inner.GetRunsAsync(documentId, cancellationToken);

        public IAsyncEnumerable<DocumentRecord> ListDocumentsAsync(DocumentStatus? status = null, CancellationToken cancellationToken = default) =>
            inner.ListDocumentsAsync(status, cancellationToken);

        public IAsyncEnumerable<DocumentRecord> FindReviewedBySourceAsync(string sha256, CancellationToken cancellationToken = default) =>
            inner.FindReviewedBySourceAsync(sha256, cancellationToken);
    }

    /// <summary>The local Cosmos server's count of items its query answers returned.</summary>
    private sealed class CompatStats(HttpClient http, Uri uri)
    {
        public async Task ResetAsync() => (await http.DeleteAsync(uri).ConfigureAwait(false)).EnsureSuccessStatusCode();

        public async Task<string> PerRequestAsync(int requests)
        {
            var stats = await http.GetFromJsonAsync<JsonObject>(uri).ConfigureAwait(false);
            var items = stats?["itemsReturned"]?.GetValue<int>() ?? 0;
            var queries = stats?["queries"]?.GetValue<int>() ?? 0;
            return string.Create(CultureInfo.InvariantCulture, $"{items / (double)requests:F1} items in {queries / (double)requests:F1} queries");
        }
    }
}
