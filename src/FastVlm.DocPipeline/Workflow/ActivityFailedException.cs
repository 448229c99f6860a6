using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// Thrown to the workflow when an activity failed for good (retries exhausted or a permanent error).
/// <see cref="DocPipelineException.Code"/> is the activity's own error code (<c>pdf.corrupt</c>, …).
/// </summary>
public sealed class ActivityFailedException(string activityName, string code, string message, int attempts, Exception? innerException = null)
    : DocPipelineException(code, $"Activity '{activityName}' failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {message}", innerException)
{
    public string ActivityName { get; } = activityName;

    public int Attempts { get; } = attempts;

    /// <summary>The failing activity's own message (without the activity prefix).</summary>
    public string ActivityMessage { get; } = message;
}
