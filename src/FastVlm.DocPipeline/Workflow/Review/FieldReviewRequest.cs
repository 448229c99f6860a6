using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// One reviewer decision on one field. <see cref="Action"/> is a <see cref="ReviewActions"/>: <c>accepted</c> keeps the
/// model's value, <c>edited</c> saves <see cref="Value"/>, <c>alternative</c> saves the field's alternative number
/// <see cref="Alternative"/> (0-based). <see cref="ETag"/> is the document's etag the reviewer saw.
/// </summary>
public sealed record FieldReviewRequest
{
    public required string Action { get; init; }

    public JsonNode? Value { get; init; }

    public int? Alternative { get; init; }

    public required string ETag { get; init; }
}
