namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The reviewer's decision in force on a field, as the document shows it. <see cref="Stale"/>: a later run gave another
/// answer than the one the reviewer decided on; the reviewer's value stays in force until someone looks again.
/// The whole history is the document's <see cref="ReviewRecord"/>.
/// </summary>
public sealed record FieldReviewState
{
    /// <summary>One of <see cref="ReviewActions.Accepted"/>, <see cref="ReviewActions.Edited"/>, <see cref="ReviewActions.Alternative"/>.</summary>
    public required string Action { get; init; }

    public required string Reviewer { get; init; }

    public required DateTime At { get; init; }

    /// <summary>The decision's <see cref="ReviewDecision.Sequence"/> in the review record.</summary>
    public int Sequence { get; init; }

    public bool Stale { get; init; }

    /// <summary>What the reviewer typed, when they typed text.</summary>
    public string? Raw { get; init; }
}
