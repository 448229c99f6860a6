namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// A table field scored row by row: extracted rows are matched one-to-one with expected rows by the most cells in
/// agreement; a row is correct when every scored cell agrees. Precision is correct / extracted rows, recall correct /
/// expected rows; <see cref="Columns"/> gives each column's share of expected rows with that cell right.
/// </summary>
public sealed record TableScore
{
    public required int ExpectedRows { get; init; }

    public required int ExtractedRows { get; init; }

    /// <summary>Pairs of an extracted and an expected row with at least one cell in agreement.</summary>
    public required int MatchedRows { get; init; }

    public required int CorrectRows { get; init; }

    public required IReadOnlyList<ColumnAccuracy> Columns { get; init; }

    /// <summary>Truth row keys no column matches (not scored).</summary>
    public IReadOnlyList<string> UnscoredKeys { get; init; } = [];

    public double Precision => ExtractedRows == 0 ? (ExpectedRows == 0 ? 1 : 0) : (double)CorrectRows / ExtractedRows;

    public double Recall => ExpectedRows == 0 ? 1 : (double)CorrectRows / ExpectedRows;
}
