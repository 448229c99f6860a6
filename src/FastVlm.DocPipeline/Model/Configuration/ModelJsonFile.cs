using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Configuration;

namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary>
/// A model directory's JSON file (<c>config.json</c>, <c>generation_config.json</c>, <c>processor_config.json</c>)
/// read through <see cref="JsonConfigReader"/>: keys are looked up at the top level, then in <c>text_config</c>, as
/// transformers.js reads both, and every problem is a <see cref="ModelLoadException"/> naming the file.
/// </summary>
internal sealed class ModelJsonFile
{
    private readonly JsonConfigReader _json;

    private ModelJsonFile(string path, JsonElement root)
    {
        Path = path;
        _json = JsonConfigReader.Root(root, (location, problem) => throw Bad($"{location}: {problem}."), nullIsAbsent: true).WithFallback("text_config");
    }

    public string Path { get; }

    public static ModelJsonFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException(ModelErrorCodes.MissingFile, $"Required model file '{System.IO.Path.GetFileName(path)}' is missing.", path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, JsonConfigReader.LenientOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new ModelJsonFile(path, document.RootElement.Clone())
                : throw new ModelLoadException(ModelErrorCodes.BadConfig, "The file is not a JSON object.", path);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(ModelErrorCodes.BadConfig, $"The file is not valid JSON: {ex.Message}", path, ex);
        }
    }

    public static ModelJsonFile? LoadOptional(string path) => File.Exists(path) ? Load(path) : null;

    public int RequireInt(string key) => _json.Integer(key, required: true) ?? throw Bad($"'{key}' is required.");

    public int? OptionalInt(string key) => _json.Integer(key);

    public double? OptionalDouble(string key) => _json.Number(key);

    public string? OptionalString(string key) => _json.PeekString(key);

    /// <summary>An id given as a number or a list of numbers (e.g. <c>eos_token_id</c>); null when absent.</summary>
    public IReadOnlyList<int>? OptionalIdList(string key) => _json.Integers(key);

    public ModelLoadException Bad(string problem, Exception? inner = null) =>
        new(ModelErrorCodes.BadConfig, problem, Path, inner);
}
