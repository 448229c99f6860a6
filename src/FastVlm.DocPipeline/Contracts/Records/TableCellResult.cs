using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// One cell of a table row: the normalised value by the column's type, the raw text, an issue when unreadable, the
/// confidence from the cell's own tokens, and where the cell is on the page.
/// </summary>
public sealed record TableCellResult
{
    public JsonNode? Value { get; init; }

    public string Raw { get; init; } = "";

    public string? Currency { get; init; }

    public string? Issue { get; init; }

    /// <summary><c>exp(mean(logprob))</c> of the tokens the cell's text came from; null for an empty cell or when the model gave no token positions.</summary>
    public double? Confidence { get; init; }

    /// <summary><see cref="GroundingStatus"/> of a non-empty cell; null when not grounded.</summary>
    public string? Grounding { get; init; }

    /// <summary>Where the cell's text is on the page; null when not grounded.</summary>
    public FieldLocation? Location { get; init; }
}
