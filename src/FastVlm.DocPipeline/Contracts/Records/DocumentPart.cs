namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>One document a bundled file was split into: its id, its source pages, the schema it was classified as, its outcome.</summary>
public sealed record DocumentPart
{
    public required string DocumentId { get; init; }

    public required int FirstPage { get; init; }

    public required int LastPage { get; init; }

    public required SchemaRef Schema { get; init; }

    public required double Confidence { get; init; }

    public DocumentStatus Status { get; init; }

    public bool NeedsReview { get; init; }
}
