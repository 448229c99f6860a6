namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>How <see cref="ReviewCalibrator"/> chooses thresholds.</summary>
public sealed record CalibrationOptions
{
    /// <summary>Precision the auto-accepted answers must reach (the kept rate above the threshold).</summary>
    public double TargetPrecision { get; init; } = 0.99;

    /// <summary>Fewest reviewed answers at or above a threshold for it to count: a handful of lucky answers prove nothing.</summary>
    public int MinSupport { get; init; } = 20;

    public int Buckets { get; init; } = 10;

    public void Validate()
    {
        if (TargetPrecision is <= 0 or > 1 || double.IsNaN(TargetPrecision))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetPrecision), TargetPrecision, "The target precision is a number in (0, 1], e.g. 0.99.");
        }

        if (MinSupport < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSupport), MinSupport, "The minimum support is at least 1.");
        }

        if (Buckets is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Buckets), Buckets, "Use between 1 and 100 buckets.");
        }
    }
}
