namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>The page item: id <c>{documentId}:{page}</c> (1-based), raw answers per field of the latest run.</summary>
public sealed record PageRecord
{
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    public string Type { get; init; } = "page";

    public required string RunId { get; init; }

    public required int Page { get; init; }

    /// <summary>Name of the rendered PNG in the page image store (blob name or relative file path).</summary>
    public string? ImageName { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary><c>done</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public IReadOnlyDictionary<string, PageAnswer> Answers { get; init; } = new Dictionary<string, PageAnswer>();

    public ErrorInfo? Error { get; init; }

    /// <summary>Attempts the last run made at a failed page.</summary>
    public int Attempts { get; init; }

    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();

    public required DateTime UpdatedAt { get; init; }

    public static string MakeId(string documentId, int page) => $"{documentId}:{page}";
}
