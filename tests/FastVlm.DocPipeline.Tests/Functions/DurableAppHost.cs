using System.Collections.Concurrent;
using FastVlm.DocPipeline.Functions;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// The app's own orchestrator and activity functions on the real Durable Task engine (in-memory sidecar of
/// Microsoft.DurableTask.InProcessTestHost), with the app's data converter. Counts every real activity
/// invocation and every orchestrator execution (replays included).
/// </summary>
internal sealed class DurableAppHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private DurableAppHost(DurableTaskTestHost host, ConcurrentDictionary<string, int> attempts, ConcurrentDictionary<string, int> executions, Counters counters)
    {
        _host = host;
        Attempts = attempts;
        Executions = executions;
        PerInstance = counters;
    }

    /// <summary>Per orchestration instance: episodes (executions, replays included) and activity attempts it scheduled.</summary>
    public Counters PerInstance { get; }

    public DurableTaskClient Client => _host.Client;

    /// <summary>Real invocations per activity name.</summary>
    public ConcurrentDictionary<string, int> Attempts { get; }

    /// <summary>Orchestrator executions (first run and every replay) per orchestrator name.</summary>
    public ConcurrentDictionary<string, int> Executions { get; }

    public int AttemptsOf(string activity) => Attempts.GetValueOrDefault(activity);

    public static async Task<DurableAppHost> StartAsync(DocumentActivities activities, Action<string, object?>? onActivity = null)
    {
        // The test host's gRPC sidecar is a default ASP.NET Core host that logs every request to the console
        // (thousands for a long document); its configuration reads the environment.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Microsoft.AspNetCore", "Warning");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Microsoft.DurableTask", "Warning");
        var functions = new DocumentActivityFunctions(activities);
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var executions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var counters = new Counters();

        Task<T> Count<T>(TaskActivityContext context, string name, object? input, Func<Task<T>> run)
        {
            attempts.AddOrUpdate(name, 1, (_, n) => n + 1);
            counters.ActivityAttempts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
            onActivity?.Invoke(name, input);
            return run();
        }

        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                var orchestrators = new CountingOrchestrators(executions, counters);
                registry.AddOrchestratorFunc<DocumentWorkflowInput, DocumentWorkflowResult>(WorkflowNames.Document, orchestrators.RunDocumentAsync);
                registry.AddOrchestratorFunc<PageRangeInput, PageRangeSummary>(WorkflowNames.PageRange, orchestrators.RunPageRangeAsync);
                registry.AddActivityFunc<PrepareDocumentInput, PrepareDocumentOutput>(ActivityNames.PrepareDocument, (context, input) =>
                    Count(context, ActivityNames.PrepareDocument, input, () => functions.PrepareDocumentAsync(input, CancellationToken.None)));
                registry.AddActivityFunc<RasterizeRangeInput, RasterizeRangeOutput>(ActivityNames.RasterizeRange, (context, input) =>
                    Count(context, ActivityNames.RasterizeRange, input, () => functions.RasterizeRangeAsync(input, CancellationToken.None)));
                registry.AddActivityFunc<ExtractPageInput, ExtractPageOutput>(ActivityNames.ExtractPage, (context, input) =>
                    Count(context, ActivityNames.ExtractPage, input, () => functions.ExtractPageAsync(input, CancellationToken.None)));
                registry.AddActivityFunc<RecordPageFailuresInput, int>(ActivityNames.RecordPageFailures, (context, input) =>
                    Count(context, ActivityNames.RecordPageFailures, input, () => functions.RecordPageFailuresAsync(input, CancellationToken.None)));
                registry.AddActivityFunc<CompleteDocumentInput, CompleteDocumentOutput>(ActivityNames.CompleteDocument, (context, input) =>
                    Count(context, ActivityNames.CompleteDocument, input, () => functions.CompleteDocumentAsync(input, CancellationToken.None)));
                registry.AddActivityFunc<PublishCompletionInput, bool>(ActivityNames.PublishCompletion, (context, input) =>
                    Count(context, ActivityNames.PublishCompletion, input, () => functions.PublishCompletionAsync(input, CancellationToken.None)));
                registry.AddActivityFunc<ClassifyDocumentInput, ClassifyDocumentOutput>(ActivityNames.ClassifyDocument, (context, input) =>
                    Count(context, ActivityNames.ClassifyDocument, input, () => functions.ClassifyDocumentAsync(input, CancellationToken.None)));
                registry.AddActivityFunc<RecordClassifiedSourceInput, global::FastVlm.DocPipeline.Contracts.Records.DocumentStatus>(ActivityNames.RecordClassifiedSource, (context, input) =>
                    Count(context, ActivityNames.RecordClassifiedSource, input, () => functions.RecordClassifiedSourceAsync(input, CancellationToken.None)));
            },
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = PipelineJson.DataConverter);
                    services.ConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = PipelineJson.DataConverter);
                },
            });
        return new DurableAppHost(host, attempts, executions, counters);
    }

    /// <summary>Starts the document orchestration as the app does (instance id = the given id) and waits for it.</summary>
    public async Task<(OrchestrationMetadata Instance, DocumentWorkflowResult Result)> RunAsync(DocumentWorkflowInput input, string instanceId, TimeSpan? limit = null)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Document, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(instanceId, limit);
    }

    public async Task<(OrchestrationMetadata Instance, DocumentWorkflowResult Result)> WaitAsync(string instanceId, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(5));
        var instance = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        instance.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ToString());
        return (instance, instance.ReadOutputAs<DocumentWorkflowResult>()!);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>
    /// The app's orchestrator functions, counted. Registered with their input types so the engine decodes the
    /// input as the Functions worker does; the app's functions read it again with <c>GetInput</c>.
    /// </summary>
    private sealed class CountingOrchestrators(ConcurrentDictionary<string, int> executions, Counters counters)
    {
        public Task<DocumentWorkflowResult> RunDocumentAsync(TaskOrchestrationContext context, DocumentWorkflowInput input)
        {
            executions.AddOrUpdate(WorkflowNames.Document, 1, (_, n) => n + 1);
            counters.Episodes.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
            return DocumentOrchestrator.RunDocumentAsync(context);
        }

        public Task<PageRangeSummary> RunPageRangeAsync(TaskOrchestrationContext context, PageRangeInput input)
        {
            executions.AddOrUpdate(WorkflowNames.PageRange, 1, (_, n) => n + 1);
            counters.Episodes.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
            return DocumentOrchestrator.RunPageRangeAsync(context);
        }
    }

    /// <summary>Counts per orchestration instance id.</summary>
    public sealed class Counters
    {
        public ConcurrentDictionary<string, int> Episodes { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, int> ActivityAttempts { get; } = new(StringComparer.Ordinal);
    }
}
