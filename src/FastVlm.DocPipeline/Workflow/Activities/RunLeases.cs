using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Takes and renews a run's <see cref="RunLease"/> on its document.</summary>
internal static class RunLeases
{
    public static RunLease New(string runId, DateTime now, TimeSpan duration) => new()
    {
        RunId = runId,
        Holder = $"{Environment.MachineName}:{Environment.ProcessId}",
        ExpiresAt = now + duration,
    };

    /// <summary>Extends the lease of <paramref name="runId"/> once less than half of it is left; writes nothing otherwise.</summary>
    public static Task RenewAsync(ActivityServices services, string documentId, string runId, CancellationToken cancellationToken)
    {
        var now = services.UtcNow;
        var duration = services.Options.RunLease;
        return services.Results.UpdateDocumentAsync(
            documentId,
            current => current?.Lease is { } lease && lease.RunId == runId && lease.ExpiresAt - now < duration / 2
                ? current with { Lease = New(runId, now, duration) }
                : current!,
            cancellationToken);
    }
}
