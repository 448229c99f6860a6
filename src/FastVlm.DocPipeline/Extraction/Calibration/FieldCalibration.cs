namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>
/// What reviewers' decisions say about one field (or, with <see cref="Field"/> <c>*</c>, all fields together).
/// <see cref="Threshold"/> is the lowest confidence at or above which the kept rate reaches the target precision
/// over at least the minimum number of reviewed answers; null when no threshold does.
/// </summary>
public sealed record FieldCalibration
{
    public required string Field { get; init; }

    public required int Reviewed { get; init; }

    public required int Kept { get; init; }

    public double? KeptRate => Reviewed == 0 ? null : (double)Kept / Reviewed;

    public required IReadOnlyList<ReliabilityBucket> Reliability { get; init; }

    /// <summary>The threshold the schema uses today for this field.</summary>
    public required double CurrentThreshold { get; init; }

    public double? Threshold { get; init; }

    /// <summary>Kept rate of the answers at or above <see cref="Threshold"/>.</summary>
    public double? PrecisionAtThreshold { get; init; }

    /// <summary>Share of the reviewed answers at or above <see cref="Threshold"/>: what would be auto-accepted.</summary>
    public double? AutoAcceptRate { get; init; }
}
