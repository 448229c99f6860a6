using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.DurableTask;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// <see cref="IWorkflowContext"/> over Durable's <see cref="TaskOrchestrationContext"/>. The retry mapping and
/// the error translation are core code (<see cref="DurableRetrySettings"/>, <see cref="HostedActivityErrors"/>),
/// tested there against the in-process engine. Awaits keep the orchestrator's synchronisation context.
/// </summary>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

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

    private static RetryPolicy ToRetryPolicy(DurableRetrySettings s) =>
        new(s.MaxNumberOfAttempts, s.FirstRetryInterval, s.BackoffCoefficient, s.MaxRetryInterval, s.RetryTimeout)
        {
            // Permanent errors (corrupt PDF, missing schema) fail at once instead of using up the attempts.
            HandleAsync = e => Task.FromResult(HostedActivityErrors.ShouldRetry((e as TaskFailedException)?.FailureDetails.ErrorType)),
        };
}
