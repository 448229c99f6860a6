using System.Diagnostics;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.InProcess;

/// <summary>
/// <see cref="IWorkflowContext"/> for one in-process run. Retries follow <see cref="ActivityRetryPolicy"/>
/// but only for failures that may pass: a <see cref="DocPipelineException"/> retries only when
/// <see cref="DocPipelineException.IsTransient"/>; other exceptions (bugs, I/O) retry like Durable would;
/// cancellation never retries. The final failure surfaces as <see cref="ActivityFailedException"/>.
/// </summary>
public sealed class InProcessWorkflowContext : IWorkflowContext
{
    private readonly InProcessWorkflowHost _host;
    private readonly string _instance;
    private readonly IProgress<WorkflowEvent>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly InProcessRangeTracker? _ranges;
    private readonly InProcessWorkflowContext? _parent;

    internal InProcessWorkflowContext(
        InProcessWorkflowHost host,
        string instance,
        IProgress<WorkflowEvent>? progress,
        CancellationToken cancellationToken,
        InProcessRangeTracker? ranges = null,
        InProcessWorkflowContext? childOf = null)
    {
        _parent = childOf;
        _host = host;
        _instance = instance;
        _progress = progress;
        _cancellationToken = cancellationToken;
        _ranges = ranges;
    }

    public DateTime CurrentUtcDateTime => _host.Options.TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>The last status set by the workflow.</summary>
    public object? CustomStatus { get; private set; }

    public Guid NewGuid() => Guid.NewGuid();

    /// <summary>Runs the child in this process on a context of its own (same host limits, same event stream).</summary>
    public async Task<TResult> CallSubWorkflowAsync<TResult>(string name, object input, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(input);
        var registration = _host.Activities.GetWorkflow(name);
        var payload = _host.Options.SerializePayloads ? registration.RoundTrip(input) : input;
        var child = new InProcessWorkflowContext(_host, _instance, _progress, _cancellationToken, _ranges, childOf: this);
        var output = await registration.Invoke(child, payload).ConfigureAwait(false);
        return _host.Options.SerializePayloads ? RoundTrip<TResult>(output) : (TResult)output!;
    }

    public void SetCustomStatus(object? status)
    {
        if (_parent is not null)
        {
            return;
        }

        CustomStatus = status;
        _progress?.Report(new WorkflowEvent { Instance = _instance, Kind = WorkflowEventKind.StatusChanged, Status = status });
    }

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null)
    {
        var registration = _host.Activities.Get(name);
        var payload = _host.Options.SerializePayloads ? registration.RoundTrip(input) : input;
        var maxAttempts = Math.Max(1, retry?.MaxNumberOfAttempts ?? 1);
        var started = Stopwatch.StartNew();
        _ranges?.Enter(name, input);
        for (var attempt = 1; ; attempt++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var limit = _host.LimitFor(name);
            if (limit is not null)
            {
                await limit.WaitAsync(_cancellationToken).ConfigureAwait(false);
            }

            var attemptTime = Stopwatch.StartNew();
            try
            {
                Report(WorkflowEventKind.ActivityStarted, name, attempt);
                var output = await registration.Invoke(payload, _cancellationToken).ConfigureAwait(false);
                var result = _host.Options.SerializePayloads ? RoundTrip<TResult>(output) : (TResult)output!;
                Report(WorkflowEventKind.ActivityCompleted, name, attempt, attemptTime.Elapsed, output: result);
                _ranges?.Settled(name, input, result, null);
                return result;
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                var error = ActivityFailure.ToError(e);
                var retryable = e is DocPipelineException d ? d.IsTransient : FileSystemErrors.Classify(e) is null;
                var delay = retry is not null && attempt < maxAttempts ? retry.DelayBeforeRetry(attempt) : TimeSpan.Zero;
                var withinTimeout = retry?.RetryTimeout is not { } timeout || started.Elapsed + delay < timeout;
                if (!retryable || attempt >= maxAttempts || !withinTimeout)
                {
                    Report(WorkflowEventKind.ActivityFailed, name, attempt, attemptTime.Elapsed, error);
                    _ranges?.Settled(name, input, null, error);
                    throw new ActivityFailedException(name, error.Code, error.Message, attempt, e);
                }

                Report(WorkflowEventKind.ActivityRetrying, name, attempt, attemptTime.Elapsed, error, delay);
                limit?.Release();
                limit = null;
                await Task.Delay(delay, _host.Options.TimeProvider, _cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                limit?.Release();
            }
        }
    }

    private static TResult RoundTrip<TResult>(object? output) =>
        output is null ? default! : JsonSerializer.Deserialize<TResult>(JsonSerializer.SerializeToUtf8Bytes(output, output.GetType(), ResultJson.Options), ResultJson.Options)!;

    private void Report(WorkflowEventKind kind, string name, int attempt, TimeSpan elapsed = default, ErrorInfo? error = null, TimeSpan retryDelay = default, object? output = null) =>
        _progress?.Report(new WorkflowEvent
        {
            Instance = _instance,
            Kind = kind,
            ActivityName = name,
            Attempt = attempt,
            Elapsed = elapsed,
            Error = error,
            RetryDelay = retryDelay,
            Output = output,
        });
}
