namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// Counts of one host run: documents completed, partially failed (some pages failed; left to be retried),
/// failed (with their codes), skipped as already done, and left pending.
/// </summary>
internal sealed class IngestionSummary
{
    private int _completed;
    private int _partiallyFailed;
    private int _failed;
    private int _skipped;
    private int _pending;

    public int Completed => _completed;

    public int PartiallyFailed => _partiallyFailed;

    public int Failed => _failed;

    public int Skipped => _skipped;

    /// <summary>Blobs that still failed transiently at the end (processed again by a later run).</summary>
    public int Pending => _pending;

    internal void AddCompleted() => Interlocked.Increment(ref _completed);

    internal void AddPartiallyFailed() => Interlocked.Increment(ref _partiallyFailed);

    internal void AddFailed() => Interlocked.Increment(ref _failed);

    internal void AddSkipped() => Interlocked.Increment(ref _skipped);

    internal void SetPending(int count) => _pending = count;

    public override string ToString() =>
        $"{Completed} completed, {Failed} failed, {PartiallyFailed} partially failed, {Skipped} already done, {Pending} pending";
}
