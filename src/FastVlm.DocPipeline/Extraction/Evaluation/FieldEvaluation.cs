using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>One schema field of one document scored against its truth.</summary>
public sealed record FieldEvaluation
{
    public required string Field { get; init; }

    /// <summary>The truth file's key this field was matched with (<c>vendor</c> for <c>vendorName</c>).</summary>
    public required string TruthKey { get; init; }

    public required FieldType Type { get; init; }

    public JsonNode? Expected { get; init; }

    /// <summary>The expected currency code for <c>currency</c> fields, when the truth gives one.</summary>
    public string? ExpectedCurrency { get; init; }

    public JsonNode? Actual { get; init; }

    public string? ActualCurrency { get; init; }

    /// <summary>The model's text.</summary>
    public string? Raw { get; init; }

    public bool Found { get; init; }

    public required bool Correct { get; init; }

    public double Confidence { get; init; }

    /// <summary><c>list</c> fields: share of extracted items that are expected; <c>table</c> fields: share of extracted rows that are right.</summary>
    public double? Precision { get; init; }

    /// <summary><c>list</c> fields: share of expected items that were extracted; <c>table</c> fields: share of expected rows extracted right.</summary>
    public double? Recall { get; init; }

    /// <summary><c>table</c> fields: rows and columns scored row by row; null for other types.</summary>
    public TableScore? Table { get; init; }
}
