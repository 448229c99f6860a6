using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Workflow.Results;

/// <summary>One field's answer on one page, before merging.</summary>
public sealed record PageAnswer
{
    public required string Raw { get; init; }

    public JsonNode? Value { get; init; }

    public string? Currency { get; init; }

    public bool Found { get; init; }

    public double Confidence { get; init; }

    public int TokenCount { get; init; }
}
