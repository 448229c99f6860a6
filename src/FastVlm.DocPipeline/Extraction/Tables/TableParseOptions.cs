namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>Options of <see cref="TableTextParser"/>.</summary>
public sealed record TableParseOptions
{
    public const int MaxRowsLimit = 2_000;

    /// <summary>Rows kept per answer; later rows are dropped and reported (at most <see cref="MaxRowsLimit"/>).</summary>
    public int MaxRows { get; init; } = 200;

    /// <summary>Generation stopped at its token limit, so the last line may be cut short.</summary>
    public bool Truncated { get; init; }

    /// <summary>The column a line without separators is appended to when it continues the previous row.</summary>
    public int ContinuationColumn { get; init; }

    /// <summary>Further words a header cell may use for a column (column name → labels), besides the name itself.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> HeaderLabels { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
