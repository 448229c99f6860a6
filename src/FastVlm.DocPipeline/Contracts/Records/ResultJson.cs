using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The one JSON shape of stored results and activity payloads: camelCase properties, enums as camelCase
/// strings, nulls written (a field not found reads <c>"value": null</c>). Used by the file store; the
/// Cosmos store and the Functions host can use the same options.
/// </summary>
public static class ResultJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Same as <see cref="Options"/>, indented (files people read).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
