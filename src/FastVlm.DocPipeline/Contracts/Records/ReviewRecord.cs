namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// Every reviewer decision on one document, in the order they were made: id <c>{documentId}:review</c>
/// (<c>documents/{id}/review.json</c> in the file store). Append-only: stores refuse an update that changes or drops a
/// decision (<see cref="ReviewAppendGuard"/>), and nothing automatic writes it. <see cref="Revision"/> counts the
/// decisions and is part of the document's etag.
/// </summary>
public sealed record ReviewRecord
{
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    public string Type { get; init; } = "review";

    public int Revision { get; init; }

    public IReadOnlyList<ReviewDecision> Decisions { get; init; } = [];

    public DateTime? UpdatedAt { get; init; }

    public static string MakeId(string documentId) => $"{documentId}:review";

    public static ReviewRecord Empty(string documentId) => new() { Id = MakeId(documentId), DocumentId = documentId };
}
