using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>One cell of a table row: the normalised value by the column's type, the raw text, and an issue when unreadable.</summary>
public sealed record TableCellResult
{
    public JsonNode? Value { get; init; }

    public string Raw { get; init; } = "";

    public string? Currency { get; init; }

    public string? Issue { get; init; }
}
