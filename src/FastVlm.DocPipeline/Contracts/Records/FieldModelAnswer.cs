using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The model's answer for a field, kept apart from the value in force: what <c>calibrate</c>, <c>eval</c> and the
/// confidence figures measure. <see cref="Issue"/> and <see cref="NeedsReview"/> are the model's own (before the
/// schema's rules, which are checked on the values in force).
/// </summary>
public sealed record FieldModelAnswer
{
    public JsonNode? Value { get; init; }

    public string? Raw { get; init; }

    public string? Currency { get; init; }

    public double Confidence { get; init; }

    public string? Issue { get; init; }

    public bool NeedsReview { get; init; }

    /// <summary>The model's rows of a <c>table</c> field; null for other types.</summary>
    public IReadOnlyList<TableRowResult>? Rows { get; init; }
}
