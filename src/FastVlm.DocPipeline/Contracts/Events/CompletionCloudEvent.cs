using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Contracts.Events;

/// <summary>
/// The one body of a completion event: a CloudEvents 1.0 event in structured JSON mode, data in the stored
/// results' JSON shape (<see cref="ResultJson"/>). The webhook posts these bytes as they are and the Event Grid
/// publisher parses them into its CloudEvent, so every subscriber sees the same event.
/// </summary>
public static class CompletionCloudEvent
{
    /// <summary>The media type of a structured-mode CloudEvent.</summary>
    public const string MediaType = "application/cloudevents+json";

    public const string SpecVersion = "1.0";

    /// <summary>Serialises <paramref name="completion"/> as a CloudEvent from <paramref name="source"/> (a URI reference naming the host).</summary>
    public static byte[] ToJson(DocumentCompletionEvent completion, string source)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", SpecVersion);
            writer.WriteString("type", completion.EventType);
            writer.WriteString("source", source);
            writer.WriteString("id", completion.EventId);
            writer.WriteString("time", new DateTimeOffset(DateTime.SpecifyKind(completion.CompletedAt, DateTimeKind.Utc)));
            writer.WriteString("subject", $"documents/{completion.DocumentId}");
            writer.WriteString("datacontenttype", "application/json");
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, completion, ResultJson.Options);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
