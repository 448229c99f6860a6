using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary>Reads a model JSON file into a <see cref="JsonObject"/> and typed values, reporting problems as <see cref="ModelLoadException"/>.</summary>
internal sealed class JsonConfigReader
{
    private readonly JsonObject _root;

    private JsonConfigReader(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public JsonObject Root => _root;

    public static JsonConfigReader Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException(ModelErrorCodes.MissingFile, $"Required model file '{System.IO.Path.GetFileName(path)}' is missing.", path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            var node = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return node is JsonObject obj
                ? new JsonConfigReader(path, obj)
                : throw new ModelLoadException(ModelErrorCodes.BadConfig, "The file is not a JSON object.", path);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(ModelErrorCodes.BadConfig, $"The file is not valid JSON: {ex.Message}", path, ex);
        }
    }

    public static JsonConfigReader? LoadOptional(string path) => File.Exists(path) ? Load(path) : null;

    /// <summary>Looks a key up at the top level, then in <c>text_config</c> (nested configs), as transformers.js reads both.</summary>
    public JsonNode? Find(string key)
    {
        if (_root.TryGetPropertyValue(key, out var value) && value is not null)
        {
            return value;
        }

        return _root["text_config"] is JsonObject text && text.TryGetPropertyValue(key, out var nested) ? nested : null;
    }

    public int RequireInt(string key) => OptionalInt(key) ?? throw Bad($"'{key}' is required.");

    public int? OptionalInt(string key)
    {
        var node = Find(key);
        if (node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<int>();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw Bad($"'{key}' must be an integer, got {node.ToJsonString()}.", ex);
        }
    }

    public double? OptionalDouble(string key)
    {
        var node = Find(key);
        if (node is null)
        {
            return null;
        }

        try
        {
            return node.GetValue<double>();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw Bad($"'{key}' must be a number, got {node.ToJsonString()}.", ex);
        }
    }

    public string? OptionalString(string key) => Find(key) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An id given as a number or a list of numbers (e.g. <c>eos_token_id</c>); null when absent.</summary>
    public IReadOnlyList<int>? OptionalIdList(string key)
    {
        var node = Find(key);
        try
        {
            return node switch
            {
                null => null,
                JsonArray array => array.Select(n => n!.GetValue<int>()).ToArray(),
                _ => new[] { node.GetValue<int>() },
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or NullReferenceException)
        {
            throw Bad($"'{key}' must be an integer or a list of integers, got {node!.ToJsonString()}.", ex);
        }
    }

    public ModelLoadException Bad(string problem, Exception? inner = null) =>
        new(ModelErrorCodes.BadConfig, problem, Path, inner);
}
