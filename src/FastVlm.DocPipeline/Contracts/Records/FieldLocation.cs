namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>Where a value was found on its page: one box per text line it covers, how it matched and how well (0–1).</summary>
public sealed record FieldLocation
{
    /// <summary>1-based page.</summary>
    public required int Page { get; init; }

    public required IReadOnlyList<PixelBox> Boxes { get; init; }

    /// <summary><see cref="GroundingMatch"/>: <c>exact</c>, <c>normalized</c> or <c>fuzzy</c>.</summary>
    public required string Match { get; init; }

    public required double Score { get; init; }
}
