namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>How <see cref="IngestionHost"/> finds and processes incoming blobs.</summary>
internal sealed class IngestionHostOptions
{
    /// <summary>Documents processed at the same time.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>Pause between two listings of the incoming container (or empty queue receives).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Process what is there now (retrying transient failures a few times), then stop.</summary>
    public bool Once { get; set; }

    /// <summary>When set, blob names come from this storage queue (BlobCreated events or plain names), not from listing.</summary>
    public string? QueueName { get; set; }

    /// <summary>Attempts per blob on transient failures before it is left for a later run (or the poison queue).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First delay before retrying a transient failure (doubles per attempt).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a received queue message stays invisible to others while its document is processed.</summary>
    public TimeSpan QueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The pause before retrying a blob after its <paramref name="attempt"/>-th transient failure (doubling, at most 2 minutes).</summary>
    internal TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(RetryDelay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 10)), TimeSpan.FromMinutes(2).Ticks));
}
