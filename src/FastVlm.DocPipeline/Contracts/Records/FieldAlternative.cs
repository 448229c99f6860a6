using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// Another answer the model found likely for a doubtful field: decoded greedily from a branch at one of the answer's
/// least confident tokens. Normalised and grounded like the field's own answer.
/// </summary>
public sealed record FieldAlternative
{
    public JsonNode? Value { get; init; }

    public string Raw { get; init; } = "";

    public string? Currency { get; init; }

    public double Confidence { get; init; }

    /// <summary><see cref="GroundingStatus"/> of the alternative; null when not grounded.</summary>
    public string? Grounding { get; init; }

    public FieldLocation? Location { get; init; }
}
