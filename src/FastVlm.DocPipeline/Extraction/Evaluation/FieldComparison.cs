namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// The verdict on one field: whether the extracted value matches the truth, and for <c>list</c> and <c>table</c> fields
/// the precision and recall of the extracted items (rows) against the expected ones (null for other types).
/// </summary>
public sealed record FieldComparison(bool Correct, double? Precision = null, double? Recall = null)
{
    /// <summary>A <c>table</c> field's row-by-row score; null for other types.</summary>
    public TableScore? Table { get; init; }
}
