using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.DurableTask;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// <see cref="IWorkflowContext"/> over Durable's <see cref="TaskOrchestrationContext"/>. The retry mapping and
/// the error translation are core code (<see cref="DurableRetrySettings"/>, <see cref="HostedActivityErrors"/>).
/// Permanent errors are not retried: <see cref="RetryPolicy.HandleFailure"/> sees the recorded error type.
/// Awaits keep the orchestrator's synchronisation context.
/// </summary>
public sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public Guid NewGuid() => context.NewGuid();

    public void SetCustomStatus(object? status) => context.SetCustomStatus(status);

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null)
    {
        DurableRetrySettings? settings = retry is null ? null : DurableRetrySettings.From(retry);
        var options = settings is { } s ? TaskOptions.FromRetryPolicy(ToRetryPolicy(s)) : null;
        try
        {
            return await context.CallActivityAsync<TResult>(name, input, options);
        }
        catch (TaskFailedException e)
        {
            throw HostedActivityErrors.ToActivityFailure(name, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, settings, e);
        }
    }

    public Task<TResult> CallSubWorkflowAsync<TResult>(string name, object input, string instanceId) =>
        context.CallSubOrchestratorAsync<TResult>(name, input, new SubOrchestrationOptions { InstanceId = instanceId });

    private static RetryPolicy ToRetryPolicy(DurableRetrySettings s) =>
        new(s.MaxNumberOfAttempts, s.FirstRetryInterval, s.BackoffCoefficient, s.MaxRetryInterval, s.RetryTimeout)
        {
            HandleFailure = failure => HostedActivityErrors.ShouldRetry(failure.ErrorType),
        };
}
