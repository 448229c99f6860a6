namespace FastVlm.DocPipeline.Workflow.Hosting;

/// <summary>
/// An <see cref="ActivityRetryPolicy"/> expressed in the exact, validated terms of Durable Task's
/// <c>RetryPolicy(maxNumberOfAttempts, firstRetryInterval, backoffCoefficient, maxRetryInterval, retryTimeout)</c>,
/// so the Functions host maps it field by field and never trips that constructor's argument checks
/// (attempts &gt; 0, first interval &gt; 0, coefficient &gt;= 1, max interval and timeout &gt;= first interval).
/// Values Durable would reject are rewritten to ones that retry the same way:
/// a cap below the first interval lowers the first interval to the cap (every delay is the cap either way);
/// a timeout shorter than the first interval allows no retry at all, so it becomes a single attempt.
/// <see cref="Timeout.InfiniteTimeSpan"/> means "no limit", as in Durable.
/// </summary>
public readonly record struct DurableRetrySettings(
    int MaxNumberOfAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient,
    TimeSpan MaxRetryInterval,
    TimeSpan RetryTimeout)
{
    /// <summary>Smallest interval Durable accepts (it must be strictly positive); stands in for "retry at once".</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(1);

    public static DurableRetrySettings From(ActivityRetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var attempts = Math.Max(1, policy.MaxNumberOfAttempts);
        var first = Max(policy.FirstRetryInterval, MinimumInterval);
        var backoff = double.IsFinite(policy.BackoffCoefficient) ? Math.Max(1.0, policy.BackoffCoefficient) : 1.0;

        var maxInterval = Timeout.InfiniteTimeSpan;
        if (policy.MaxRetryInterval is { } cap)
        {
            maxInterval = Max(cap, MinimumInterval);
            first = first > maxInterval ? maxInterval : first;
        }

        var timeout = Timeout.InfiniteTimeSpan;
        if (policy.RetryTimeout is { } limit)
        {
            if (limit < first)
            {
                attempts = 1;
                timeout = first;
            }
            else
            {
                timeout = limit;
            }
        }

        return new DurableRetrySettings(attempts, first, backoff, maxInterval, timeout);
    }

    private static TimeSpan Max(TimeSpan value, TimeSpan floor) => value < floor ? floor : value;
}
