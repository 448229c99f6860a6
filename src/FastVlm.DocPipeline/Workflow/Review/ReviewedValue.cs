using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>A reviewer's value read as its field's type: the typed value, the text they typed (when text) and a currency code.</summary>
public sealed record ReviewedValue(JsonNode? Value, string? Raw, string? Currency);
