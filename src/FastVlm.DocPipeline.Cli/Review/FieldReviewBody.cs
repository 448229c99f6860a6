using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>Body of <c>POST /api/documents/{id}/fields/{field}</c>: <c>{"action": "edited", "value": …}</c> or <c>{"action": "alternative", "alternative": 0}</c>.</summary>
internal sealed record FieldReviewBody(string? Action, JsonNode? Value, int? Alternative);
