namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>Calibration of one schema from reviewed documents: per field, and <see cref="Overall"/> for all fields together.</summary>
public sealed record CalibrationReport
{
    public required string Schema { get; init; }

    public required double TargetPrecision { get; init; }

    public required int MinSupport { get; init; }

    /// <summary>Documents with at least one reviewed field.</summary>
    public required int Documents { get; init; }

    public required IReadOnlyList<FieldCalibration> Fields { get; init; }

    public required FieldCalibration Overall { get; init; }
}
