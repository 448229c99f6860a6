namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>One column of a table field: of the expected rows (<see cref="Count"/>), how many have this cell right in the row matched to them.</summary>
public sealed record ColumnAccuracy
{
    public required string Column { get; init; }

    public required FieldType Type { get; init; }

    public required int Count { get; init; }

    public required int Correct { get; init; }

    public double? Accuracy => EvaluationMath.Ratio(Correct, Count);
}
