using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>One word of a page's text layer: its text, its box in image pixels and the line it is on (0-based).</summary>
public sealed record TextWord(
    [property: JsonPropertyName("t")] string Text,
    [property: JsonPropertyName("b")] PixelBox Box,
    [property: JsonPropertyName("l")] int Line);
