namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The claim of the run in progress on a document: set when the run starts, renewed as its pages finish, dropped when it
/// completes. A run whose lease has expired died (process killed, machine lost): the document is reviewable again with
/// the earlier run's values, and a later run takes over.
/// </summary>
public sealed record RunLease
{
    public required string RunId { get; init; }

    /// <summary>Who holds it (host and process), for messages.</summary>
    public string? Holder { get; init; }

    public required DateTime ExpiresAt { get; init; }

    public bool IsExpired(DateTime now) => ExpiresAt <= now;
}
