using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>An answer read as its field's type: null <see cref="Value"/> when not found or not readable (see <see cref="Issue"/>).</summary>
public sealed record NormalizedAnswer(bool Found, JsonNode? Value, string? Currency, string? Issue)
{
    public static NormalizedAnswer NotFound { get; } = new(false, null, null, null);
}
