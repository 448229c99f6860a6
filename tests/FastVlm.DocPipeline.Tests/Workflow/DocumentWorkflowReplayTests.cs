using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Tests.Workflow;

/// <summary>
/// Durable replays an orchestrator from its history and requires it to schedule the same activities with the
/// same inputs every time. A context that answers from canned outputs checks exactly that.
/// </summary>
public class DocumentWorkflowReplayTests
{
    private sealed class RecordingContext(DateTime now) : IWorkflowContext
    {
        public List<string> Calls { get; } = [];

        public List<object?> Statuses { get; } = [];

        public DateTime CurrentUtcDateTime => now;

        public void SetCustomStatus(object? status) => Statuses.Add(status);

        public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null)
        {
            Calls.Add(name + " " + JsonSerializer.Serialize(input, ResultJson.Options));
            object output = input switch
            {
                PrepareDocumentInput => new PrepareDocumentOutput("doc1", "run-from-activity", new SourceInfo(null, "a.pdf", null, "ab", 2), 5, [2]),
                RasterizePagesInput r => new RasterizePagesOutput(
                    5,
                    "pdf",
                    Enumerable.Range(r.FirstPage, Math.Min(r.MaxPages, 5 - r.FirstPage + 1)).Where(p => !r.SkipPages.Contains(p))
                        .Select(p => new RenderedPageInfo(p, $"doc1/page-{p:D4}.png", 10, 10, true, 1)).ToArray(),
                    1),
                ExtractPageInput e when e.Page.Page == 4 => throw new ActivityFailedException(name, "model.failed", "boom", 3),
                ExtractPageInput e => new ExtractPageOutput(e.Page.Page, new Dictionary<string, PageAnswer>(), new Dictionary<string, double> { ["total"] = 10 }, new ModelInfo("m", new Dictionary<string, string>(), "cpu")),
                CompleteDocumentInput => new CompleteDocumentOutput(DocumentStatus.Completed, 4, 1, false),
                _ => throw new InvalidOperationException(name),
            };
            return Task.FromResult((TResult)output);
        }
    }

    [Fact]
    public async Task The_same_history_schedules_the_same_activities_with_the_same_inputs()
    {
        var input = new DocumentWorkflowInput { SourceName = "a.pdf", Schema = WorkflowHarness.Schema, RasterizeChunkSize = 2 };
        var first = new RecordingContext(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var second = new RecordingContext(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));

        var a = await DocumentWorkflow.RunAsync(first, input);
        var b = await DocumentWorkflow.RunAsync(second, input);

        second.Calls.Should().Equal(first.Calls);
        JsonSerializer.Serialize(b, ResultJson.Options).Should().Be(JsonSerializer.Serialize(a, ResultJson.Options));
        a.RunId.Should().Be("run-from-activity");
        a.PagesSkipped.Should().Be(1);
        a.FailedPages.Should().ContainSingle().Which.Should().Be(new PageFailure(4, "model.failed", "boom", 3));
        first.Calls.Select(c => c.Split(' ')[0]).Should().Equal(
            ActivityNames.PrepareDocument,
            ActivityNames.RasterizePages,
            ActivityNames.ExtractPage,
            ActivityNames.RasterizePages,
            ActivityNames.ExtractPage,
            ActivityNames.ExtractPage,
            ActivityNames.RasterizePages,
            ActivityNames.ExtractPage,
            ActivityNames.CompleteDocument);
        first.Statuses.OfType<WorkflowProgress>().Last().Stage.Should().Be(WorkflowStages.Completed);
    }
}
