namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>One schema field across all documents that have a truth for it.</summary>
public sealed record FieldAccuracy
{
    public required string Field { get; init; }

    public required FieldType Type { get; init; }

    /// <summary>Documents where the field was scored.</summary>
    public required int Count { get; init; }

    public required int Correct { get; init; }

    public double? Accuracy => EvaluationMath.Ratio(Correct, Count);

    /// <summary><c>list</c> and <c>table</c> fields: mean precision over the documents; null for other types.</summary>
    public double? Precision { get; init; }

    /// <summary><c>list</c> and <c>table</c> fields: mean recall over the documents; null for other types.</summary>
    public double? Recall { get; init; }

    /// <summary><c>table</c> fields: each column's cells right over all expected rows of all documents; null for other types.</summary>
    public IReadOnlyList<ColumnAccuracy>? Columns { get; init; }
}
