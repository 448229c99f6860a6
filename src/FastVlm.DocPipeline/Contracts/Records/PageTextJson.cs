using System.Text.Json;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>The stored form of a <see cref="PageText"/> (compact JSON), shared by every page store.</summary>
public static class PageTextJson
{
    public const string ContentType = "application/json";

    public static byte[] Serialize(PageText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return JsonSerializer.SerializeToUtf8Bytes(text, ResultJson.Options);
    }

    /// <summary>Reads a stored text layer; a damaged one is refused with <c>store.page_text_corrupt</c>.</summary>
    public static PageText Deserialize(ReadOnlySpan<byte> json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<PageText>(json, ResultJson.Options)
                ?? throw new JsonException("The document is null.");
        }
        catch (JsonException e)
        {
            throw new DocPipelineException(
                "store.page_text_corrupt", $"The stored text layer {name} is not readable ({e.Message}); run the document again with --force to render it.", e);
        }
    }
}
