using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Storage;

/// <summary>
/// JSON shape of stored items: camelCase properties (dictionary keys such as field names kept as written),
/// nulls omitted, enums as their camelCase names. Cosmos system properties (<c>_etag</c>, <c>_ts</c>, …) are ignored on read.
/// </summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
