namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>Extraction results scored against ground truth: per document, per field, overall, and calibration.</summary>
public sealed record EvaluationReport
{
    public required string Schema { get; init; }

    public required string SchemaVersion { get; init; }

    public required IReadOnlyList<DocumentEvaluation> Documents { get; init; }

    /// <summary>Per schema field across documents, in schema order; fields never scored are left out.</summary>
    public required IReadOnlyList<FieldAccuracy> Fields { get; init; }

    public required CalibrationView Calibration { get; init; }

    /// <summary>Scored fields over all documents.</summary>
    public int Count => Documents.Sum(d => d.Count);

    public int Correct => Documents.Sum(d => d.Correct);

    /// <summary>Correct / scored over all documents and fields; null when nothing was scored.</summary>
    public double? Accuracy => EvaluationMath.Ratio(Correct, Count);
}
