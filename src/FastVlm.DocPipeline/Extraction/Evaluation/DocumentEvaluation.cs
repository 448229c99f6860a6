namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>One document scored against its truth file.</summary>
public sealed record DocumentEvaluation
{
    /// <summary>What the caller calls the document (its path or file name).</summary>
    public required string Name { get; init; }

    public required string DocumentId { get; init; }

    public required IReadOnlyList<FieldEvaluation> Fields { get; init; }

    public IReadOnlyList<SkippedTruthField> SkippedTruthFields { get; init; } = [];

    /// <summary>Schema fields the truth file says nothing about: not scored.</summary>
    public IReadOnlyList<string> UnscoredFields { get; init; } = [];

    public int Count => Fields.Count;

    public int Correct => Fields.Count(f => f.Correct);

    public double? Accuracy => EvaluationMath.Ratio(Correct, Count);
}
