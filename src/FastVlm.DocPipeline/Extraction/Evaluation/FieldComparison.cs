namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// The verdict on one field: whether the extracted value matches the truth, and for <c>list</c> fields the
/// precision and recall of the extracted items against the expected ones (null for other types).
/// </summary>
public sealed record FieldComparison(bool Correct, double? Precision = null, double? Recall = null);
