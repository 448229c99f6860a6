using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.Hosting;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Workflow.Hosting;

/// <summary>
/// The Functions host adapts Durable's TaskOrchestrationContext to IWorkflowContext with the core's hosting
/// logic (DurableRetrySettings, HostedActivityErrors). Durable keeps only an activity exception's type name and
/// message; this test runs the real DocumentWorkflow through a context that does exactly that, and checks the
/// outcome equals the in-process engine's on the same activities: same failed pages with the same codes and
/// attempts, permanent errors not retried, transient ones retried.
/// </summary>
public class DurableHostParityTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_durable_adaptation_gives_the_same_outcome_as_the_in_process_engine()
    {
        var schema = EmbeddedSchemas.Get(EmbeddedSchemas.Names[0]);
        var input = new DocumentWorkflowInput
        {
            SourceName = "scan.pdf",
            Schema = schema,
            RunId = "run1",
            RasterizeChunkSize = 2,
            Retries = WorkflowRetryPolicies.Fast,
        };

        var inProcessActivities = new ScriptedActivities();
        var registry = new InProcessActivityRegistry();
        inProcessActivities.Register(new RegistrySink(registry));
        using var host = new InProcessWorkflowHost(registry);
        var inProcess = await host.RunAsync("scan", ctx => DocumentWorkflow.RunAsync(ctx, input));

        var durableActivities = new ScriptedActivities();
        var durable = new DurableLikeContext(Now);
        durableActivities.Register(durable);
        // Durable hands the orchestrator its input, and the client its output, as JSON.
        var durableInput = RoundTrip(input);
        durableInput.Schema.Fields.Should().HaveCount(schema.Fields.Count);
        var viaDurable = RoundTrip(await DocumentWorkflow.RunAsync(durable, durableInput));

        viaDurable.Status.Should().Be(inProcess.Status);
        viaDurable.PageCount.Should().Be(4);
        viaDurable.PagesExtracted.Should().Be(inProcess.PagesExtracted).And.Be(2);
        viaDurable.FailedPages.Should().BeEquivalentTo(inProcess.FailedPages, o => o.WithStrictOrdering());
        viaDurable.FailedPages.Select(f => (f.Page, f.Code, f.Attempts)).Should().Equal(
            (2, "page.unreadable", 1),
            (4, "storage.busy", WorkflowRetryPolicies.Fast.ExtractPage.MaxNumberOfAttempts));

        durableActivities.Attempts("ExtractPage:2").Should().Be(1, "a permanent error is not retried");
        durableActivities.Attempts("ExtractPage:3").Should().Be(2, "a transient error is retried until it passes");
        durableActivities.Attempts("ExtractPage:4").Should().Be(WorkflowRetryPolicies.Fast.ExtractPage.MaxNumberOfAttempts);
        durableActivities.Attempts("ExtractPage:2").Should().Be(inProcessActivities.Attempts("ExtractPage:2"));
        durableActivities.Attempts("ExtractPage:3").Should().Be(inProcessActivities.Attempts("ExtractPage:3"));
        durable.LastStatus.Should().BeOfType<WorkflowProgress>().Which.PagesFailed.Should().Be(2);
    }

    [Fact]
    public async Task A_document_that_cannot_be_rasterised_fails_with_its_code_under_both_hosts()
    {
        var input = new DocumentWorkflowInput
        {
            SourceName = "encrypted.pdf",
            Schema = EmbeddedSchemas.Get(EmbeddedSchemas.Names[0]),
            RunId = "run1",
            Retries = WorkflowRetryPolicies.Fast,
        };

        var durableActivities = new ScriptedActivities { RasterizeError = new BrokenPageException("pdf.encrypted") };
        var durable = new DurableLikeContext(Now);
        durableActivities.Register(durable);
        var viaDurable = await DocumentWorkflow.RunAsync(durable, input);

        var inProcessActivities = new ScriptedActivities { RasterizeError = new BrokenPageException("pdf.encrypted") };
        var registry = new InProcessActivityRegistry();
        inProcessActivities.Register(new RegistrySink(registry));
        using var host = new InProcessWorkflowHost(registry);
        var inProcess = await host.RunAsync("encrypted", ctx => DocumentWorkflow.RunAsync(ctx, input));

        viaDurable.Error!.Code.Should().Be("pdf.encrypted");
        viaDurable.Error.Should().Be(inProcess.Error);
        viaDurable.Status.Should().Be(inProcess.Status);
        durableActivities.Attempts("RasterizePages:1").Should().Be(1);
    }

    private static T RoundTrip<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, ResultJson.Options), ResultJson.Options)!;

    private sealed class BrokenPageException(string code) : DocPipelineException(code, "The page cannot be read.");

    private sealed class BusyException() : DocPipelineException("storage.busy", "The store is busy.")
    {
        public override bool IsTransient => true;
    }

    /// <summary>
    /// A 4-page document: page 2 fails permanently, page 3 fails once then passes, page 4 keeps failing
    /// transiently. Counts attempts per activity call.
    /// </summary>
    private sealed class ScriptedActivities
    {
        private readonly Dictionary<string, int> _attempts = new();

        public Exception? RasterizeError { get; init; }

        public int Attempts(string key) => _attempts.GetValueOrDefault(key);

        public void Register(IActivitySink add)
        {
            Add<PrepareDocumentInput, PrepareDocumentOutput>(add, ActivityNames.PrepareDocument, i =>
                new PrepareDocumentOutput("doc1", i.RunId ?? "run1", new SourceInfo("incoming", i.SourceName, "\"1\"", "abc", 10), null, []));
            Add<RasterizePagesInput, RasterizePagesOutput>(add, ActivityNames.RasterizePages, i =>
            {
                Count($"{ActivityNames.RasterizePages}:{i.FirstPage}");
                if (RasterizeError is not null)
                {
                    throw RasterizeError;
                }

                var pages = Enumerable.Range(i.FirstPage, Math.Min(i.MaxPages, 5 - i.FirstPage))
                    .Select(p => new RenderedPageInfo(p, $"doc1/page-{p:D4}.png", 800, 1024, true, 1.0))
                    .ToArray();
                return new RasterizePagesOutput(4, "pdf", pages, 1.0);
            });
            Add<ExtractPageInput, ExtractPageOutput>(add, ActivityNames.ExtractPage, i =>
            {
                var attempt = Count($"{ActivityNames.ExtractPage}:{i.Page.Page}");
                return i.Page.Page switch
                {
                    2 => throw new BrokenPageException("page.unreadable"),
                    3 when attempt == 1 => throw new BusyException(),
                    4 => throw new BusyException(),
                    _ => new ExtractPageOutput(
                        i.Page.Page,
                        new Dictionary<string, PageAnswer> { ["total"] = new() { Raw = "42", Found = true, Confidence = 0.9 } },
                        new Dictionary<string, double> { ["total"] = 5.0 },
                        new ModelInfo("fastvlm", new Dictionary<string, string> { ["decoder"] = "q4" }, "cpu")),
                };
            });
            Add<CompleteDocumentInput, CompleteDocumentOutput>(add, ActivityNames.CompleteDocument, i =>
                new CompleteDocumentOutput(
                    i.Error is not null ? DocumentStatus.Failed : DocumentStatus.Completed,
                    i.PagesExtracted.Count,
                    i.FailedPages.Count,
                    i.FailedPages.Count > 0));
        }

        private int Count(string key)
        {
            lock (_attempts)
            {
                return _attempts[key] = _attempts.GetValueOrDefault(key) + 1;
            }
        }

        private static void Add<TIn, TOut>(IActivitySink sink, string name, Func<TIn, TOut> activity) =>
            sink.Add<TIn, TOut>(name, (input, _) => Task.FromResult(activity(input)));
    }

    private interface IActivitySink
    {
        void Add<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> activity);
    }

    private sealed class RegistrySink(InProcessActivityRegistry registry) : IActivitySink
    {
        public void Add<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> activity) => registry.Add(name, activity);
    }

    /// <summary>
    /// What the Functions orchestrator sees: the activity function wraps its exception with
    /// HostedActivityErrors.Wrap; Durable records only (type name, message) and retries by the RetryPolicy
    /// built from DurableRetrySettings, asking HostedActivityErrors.ShouldRetry; the adapter rebuilds the failure
    /// with HostedActivityErrors.ToActivityFailure. Payloads cross the boundary as JSON.
    /// </summary>
    private sealed class DurableLikeContext(DateTime now) : IWorkflowContext, IActivitySink
    {
        private readonly Dictionary<string, (Type Input, Func<object, CancellationToken, Task<object?>> Invoke)> _activities = new();

        public object? LastStatus { get; private set; }

        public DateTime CurrentUtcDateTime => now;

        public void SetCustomStatus(object? status) => LastStatus = JsonRoundTrip(status, status?.GetType() ?? typeof(object));

        public void Add<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> activity) =>
            _activities[name] = (typeof(TIn), async (input, ct) => await activity((TIn)input, ct));

        public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null)
        {
            var (inputType, invoke) = _activities[name];
            var settings = retry is null ? (DurableRetrySettings?)null : DurableRetrySettings.From(retry);
            var maxAttempts = settings?.MaxNumberOfAttempts ?? 1;
            for (var attempt = 1; ; attempt++)
            {
                string errorType;
                string errorMessage;
                try
                {
                    var output = await invoke(JsonRoundTrip(input, inputType)!, CancellationToken.None);
                    return (TResult)JsonRoundTrip(output, typeof(TResult))!;
                }
                catch (Exception e)
                {
                    var thrownByFunction = HostedActivityErrors.Wrap(e);
                    errorType = thrownByFunction.GetType().FullName!;
                    errorMessage = thrownByFunction.Message;
                }

                if (attempt >= maxAttempts || !HostedActivityErrors.ShouldRetry(errorType))
                {
                    var taskFailed = new InvalidOperationException($"Task '{name}' (#{attempt}) failed with an unhandled exception: {errorMessage}");
                    throw HostedActivityErrors.ToActivityFailure(name, errorType, errorMessage, settings, taskFailed);
                }
            }
        }

        private static object? JsonRoundTrip(object? value, Type type) =>
            value is null ? null : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ResultJson.Options), type, ResultJson.Options);
    }
}
