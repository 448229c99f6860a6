using System.Diagnostics;
using System.Security.Cryptography;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using Xunit.Abstractions;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// A 2,000-page document on the real Durable engine, with a stand-in rasteriser and a model that answers at
/// once (the orchestration's shape is under test, not the model): every orchestration's history stays bounded.
/// The in-memory sidecar keeps no readable history (GetOrchestrationHistoryAsync returns none), so each
/// orchestration's history is counted from what the engine ran: 1 ExecutionStarted + 2 events per episode
/// (OrchestratorStarted/Completed; every execution, replays included, counted) + 2 per activity attempt
/// (TaskScheduled/Completed or Failed) + 2 per child (SubOrchestrationInstanceCreated/Completed) + 1 ExecutionCompleted.
/// </summary>
public sealed class LargeDocumentTests(ITestOutputHelper output) : IDisposable
{
    private const int Pages = 2000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-large-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_2000_page_document_completes_with_every_orchestration_history_bounded()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        var path = Path.Combine(_root, "in", "big.pdf");
        await File.WriteAllTextAsync(path, FakeRasterizer.Describe(Pages));
        var store = new FileResultStore(Path.Combine(_root, "data"));
        var activities = new DocumentActivities(
            new LocalFileDocumentSource(),
            new FakeRasterizer(),
            new ScriptedVisionModel(),
            store,
            new FilePageImageStore(Path.Combine(_root, "data", "pages")));
        var schema = new ExtractionSchema { Name = "one", Version = "1", Fields = [new SchemaField { Name = "title", Question = "What is the title?" }] };
        var input = new DocumentWorkflowInput { SourceName = path, Schema = schema, Retries = WorkflowRetryPolicies.Fast };
        var documentId = DocumentIdentity.Compute(
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), schema.Name, schema.Version, SchemaHasher.Compute(schema));
        await using var host = await DurableAppHost.StartAsync(activities);

        var clock = Stopwatch.StartNew();
        var (_, result) = await host.RunAsync(input, documentId, TimeSpan.FromMinutes(20));
        var wall = clock.Elapsed;

        result.Status.Should().Be(DocumentStatus.Completed);
        result.PagesExtracted.Should().Be(Pages);
        (await store.GetDocumentAsync(documentId))!.PagesDone.Should().Be(Pages);

        var instances = new List<(string Id, int Events, int Pages)>();
        int HistoryEvents(string id, int children) =>
            2 + 2 * host.PerInstance.Episodes.GetValueOrDefault(id) + 2 * host.PerInstance.ActivityAttempts.GetValueOrDefault(id) + 2 * children;

        void Walk(PageRangeInput range)
        {
            var id = PageRangeWorkflow.InstanceId(documentId, result.RunId, range.FirstPage, range.LastPage);
            var children = range.PageCount > range.LeafSize ? PageRangeWorkflow.Split(range).ToArray() : [];
            instances.Add((id, HistoryEvents(id, children.Length), range.PageCount));
            foreach (var child in children)
            {
                Walk(child);
            }
        }

        var rootEvents = HistoryEvents(documentId, children: 1);
        Walk(new PageRangeInput
        {
            DocumentId = documentId,
            RunId = result.RunId,
            SourceName = path,
            Sha256 = "",
            SchemaHash = "",
            FirstPage = 1,
            LastPage = Pages,
            LeafSize = input.RasterizeChunkSize,
            FanOut = input.RangeFanOut,
            Retries = WorkflowRetryPolicies.Fast,
        });
        host.PerInstance.Episodes.Keys.Should().BeEquivalentTo(instances.Select(i => i.Id).Append(documentId), "every orchestration that ran is accounted for");

        var leaves = instances.Where(i => i.Pages <= input.RasterizeChunkSize).ToArray();
        var nodes = instances.Where(i => i.Pages > input.RasterizeChunkSize).ToArray();
        output.WriteLine($"{Pages} pages in {wall.TotalSeconds:F1} s wall; {instances.Count + 1} orchestrations");
        output.WriteLine($"root: {rootEvents} history events");
        output.WriteLine($"range nodes: {nodes.Length}, history events {nodes.Min(n => n.Events)}-{nodes.Max(n => n.Events)}");
        output.WriteLine($"leaves: {leaves.Length} (<= {input.RasterizeChunkSize} pages), history events {leaves.Min(n => n.Events)}-{leaves.Max(n => n.Events)}");

        leaves.Sum(l => l.Pages).Should().Be(Pages);
        host.Executions[WorkflowNames.PageRange].Should().BeGreaterThanOrEqualTo(instances.Count);
        host.AttemptsOf(ActivityNames.RasterizeRange).Should().Be(leaves.Length, "one rasterise activity (one read of the PDF) per leaf range");
        // At most one episode per completed task plus the first: bounded by the widest orchestration
        // (fan-out, or leaf size + rasterise + failure record), not by the document.
        var widest = Math.Max(input.RangeFanOut, input.RasterizeChunkSize + 2);
        var bound = 4 * (widest + 2);
        rootEvents.Should().BeLessThan(bound);
        instances.Should().OnlyContain(i => i.Events > 0 && i.Events < bound);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
