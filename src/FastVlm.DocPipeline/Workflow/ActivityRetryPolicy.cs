namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// Retry policy for an activity call; the same parameters as Durable Task's <c>RetryPolicy</c>
/// (max attempts, first interval, backoff coefficient, max interval, overall timeout).
/// </summary>
public sealed record ActivityRetryPolicy(
    int MaxNumberOfAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 2.0,
    TimeSpan? MaxRetryInterval = null,
    TimeSpan? RetryTimeout = null)
{
    /// <summary>Delay before retry number <paramref name="retryNumber"/> (1-based).</summary>
    public TimeSpan DelayBeforeRetry(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(retryNumber);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, retryNumber - 1);
        var delay = TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.MaxValue.Ticks));
        return MaxRetryInterval is { } max && delay > max ? max : delay;
    }
}
