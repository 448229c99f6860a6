namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>One field a reviewer decided on: the model's confidence and whether its answer was kept.</summary>
/// <param name="ValueProblem">Why the reviewer's value could not be read as the field's type (then <paramref name="Kept"/> is false); null when it could.</param>
public sealed record ReviewedField(string DocumentId, string Field, double Confidence, bool Kept, string? ValueProblem = null);
