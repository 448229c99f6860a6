namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// One run of the workflow over a document, kept forever: id <c>{documentId}:run:{runId}</c>.
/// A snapshot of the document result as that run left it.
/// </summary>
public sealed record RunRecord
{
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    public string Type { get; init; } = "run";

    public required string RunId { get; init; }

    public required DocumentStatus Status { get; init; }

    public required DateTime StartedAt { get; init; }

    public DateTime? CompletedAt { get; init; }

    public bool Forced { get; init; }

    /// <summary>Content hash of the run's schema (what page inputs name it by).</summary>
    public string? SchemaHash { get; init; }

    /// <summary>The run's schema as JSON, stored once per run so activity inputs need not carry it.</summary>
    public string? SchemaJson { get; init; }

    public IReadOnlyDictionary<string, FieldResult> Fields { get; init; } = new Dictionary<string, FieldResult>();

    public IReadOnlyList<PageFailure> FailedPages { get; init; } = [];

    public IReadOnlyList<int> PagesSkipped { get; init; } = [];

    public ErrorInfo? Error { get; init; }

    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();

    public static string MakeId(string documentId, string runId) => $"{documentId}:run:{runId}";
}
