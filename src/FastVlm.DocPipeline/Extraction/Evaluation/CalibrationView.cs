namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// How well confidence predicts correctness: accuracy of the scored fields whose confidence is at or above the
/// schema's review threshold versus those below it. Well calibrated: the upper band is clearly more accurate.
/// </summary>
public sealed record CalibrationView(double Threshold, CalibrationBucket AtOrAbove, CalibrationBucket Below);
