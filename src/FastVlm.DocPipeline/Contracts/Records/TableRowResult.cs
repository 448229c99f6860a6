namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// One row of a table field: its cells by column name, the page it was read from, and how it was read
/// (<c>ok</c>, <c>continued</c>, <c>truncated</c>, <c>joined</c>, <c>unparsed</c>). <see cref="Raw"/> keeps the model's line(s).
/// </summary>
public sealed record TableRowResult
{
    public required int Page { get; init; }

    public required IReadOnlyDictionary<string, TableCellResult> Cells { get; init; }

    public string Flag { get; init; } = "ok";

    public string Raw { get; init; } = "";

    /// <summary>The lowest confidence of the row's cells; null when no cell has one.</summary>
    public double? Confidence { get; init; }
}
