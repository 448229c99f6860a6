namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>Scored fields in one confidence band.</summary>
public sealed record CalibrationBucket(int Count, int Correct)
{
    public double? Accuracy => EvaluationMath.Ratio(Correct, Count);
}
