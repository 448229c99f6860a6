using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>A reviewer's value for a field; the model's original stays in the field's <c>value</c> and <c>raw</c>.</summary>
public sealed record FieldCorrection
{
    public required JsonNode? Value { get; init; }

    public required string Reviewer { get; init; }

    public required DateTime At { get; init; }

    /// <summary><see cref="FieldReviewAction"/>: <c>accepted</c>, <c>edited</c> or <c>alternative</c>.</summary>
    public string Action { get; init; } = FieldReviewAction.Edited;
}
