namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>Reviewed answers whose confidence lies in [<see cref="From"/>, <see cref="To"/>): how many, and how often they were kept.</summary>
public sealed record ReliabilityBucket(double From, double To, int Count, int Kept, double? MeanConfidence)
{
    public double? Accuracy => Count == 0 ? null : (double)Kept / Count;
}
