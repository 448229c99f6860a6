using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Hosting;

/// <summary>
/// Carries activity errors across a host boundary that serialises exceptions to (type name, message) and back,
/// so the workflow sees the same <see cref="ActivityFailedException"/> (code, message, attempts) under Durable
/// Functions as under the in-process host, and permanent errors are not retried in either.
/// </summary>
public static class HostedActivityErrors
{
    /// <summary>Full type name Durable records for a permanent failure (<c>TaskFailureDetails.ErrorType</c>).</summary>
    public static string PermanentErrorType { get; } = typeof(PermanentActivityException).FullName!;

    /// <summary>The exception an activity function throws instead of <paramref name="exception"/>.</summary>
    public static HostedActivityException Wrap(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is HostedActivityException hosted)
        {
            return hosted;
        }

        var message = ActivityFailure.FormatMessage(exception);
        return exception is DocPipelineException { IsTransient: false } || (exception is not DocPipelineException && FileSystemErrors.Classify(exception) is not null)
            ? new PermanentActivityException(message, exception)
            : new TransientActivityException(message, exception);
    }

    /// <summary>Whether the host's retry policy should try again after a failure of this recorded type.</summary>
    public static bool ShouldRetry(string? errorType) => !string.Equals(errorType, PermanentErrorType, StringComparison.Ordinal);

    /// <summary>
    /// The workflow-side exception for an activity that failed for good, rebuilt from what the host recorded.
    /// Durable does not report how many attempts ran: a permanent failure ran once, anything else used up the
    /// policy's attempts (unless its overall timeout cut them short).
    /// </summary>
    public static ActivityFailedException ToActivityFailure(
        string activityName,
        string? errorType,
        string errorMessage,
        DurableRetrySettings? retry,
        Exception innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityName);
        ArgumentNullException.ThrowIfNull(innerException);
        var error = ActivityFailure.ToError(new HostedFailureMessage(errorMessage ?? ""));
        if (error.Message.StartsWith(nameof(HostedFailureMessage), StringComparison.Ordinal))
        {
            error = new ErrorInfo(ActivityFailure.UnknownCode, errorMessage ?? "");
        }

        var attempts = ShouldRetry(errorType) ? retry?.MaxNumberOfAttempts ?? 1 : 1;
        return new ActivityFailedException(activityName, error.Code, error.Message, attempts, innerException);
    }

    /// <summary>Only a carrier for a recorded message, so <see cref="ActivityFailure"/> can read the code back.</summary>
    private sealed class HostedFailureMessage(string message) : Exception(message);
}
