namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>
/// One row of a table answer: exactly one cell per column (empty where absent), the text it came from,
/// and its 1-based line in the answer.
/// </summary>
public sealed record ParsedRow(IReadOnlyList<string> Cells, string Raw, int Line, TableRowFlag Flag)
{
    /// <summary>The cells the model actually wrote (before padding), used to decide whether a page break split the row.</summary>
    public int WrittenCells { get; init; } = Cells.Count;

    /// <summary>Each cell's confidence from its own tokens (null for an empty cell); null when the model gave no token positions.</summary>
    public IReadOnlyList<double?>? CellConfidences { get; init; }
}
