namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>One field a reviewer decided on: the model's confidence and whether its answer was kept.</summary>
public sealed record ReviewedField(string DocumentId, string Field, double Confidence, bool Kept);
