namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// Which schema <c>--schema auto</c> chose for a document, from its first page: the winning schema and label,
/// its confidence (the label's probability normalised over every candidate label), and every candidate's.
/// </summary>
public sealed record DocumentClassification
{
    /// <summary>Name of the schema the document was extracted with.</summary>
    public required string Schema { get; init; }

    /// <summary>The candidate label that won (one of the schema's <c>classifyAs</c> labels, or its name).</summary>
    public required string Label { get; init; }

    public required double Confidence { get; init; }

    /// <summary>The page the class was read from (for a split part: the source page that starts it).</summary>
    public int Page { get; init; } = 1;

    /// <summary>True when <see cref="Confidence"/> is below the classification threshold; the document then needs review.</summary>
    public bool NeedsReview { get; init; }

    /// <summary>Why a person should look (set with <see cref="NeedsReview"/>).</summary>
    public string? Issue { get; init; }

    /// <summary>Every candidate label with its confidence, best first.</summary>
    public IReadOnlyList<ClassificationCandidate> Candidates { get; init; } = [];
}
