using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary>
/// Everything the engine takes from a model directory's JSON files: model dimensions, special ids, image
/// geometry. Nothing here is a constant of FastVLM-0.5B; every value comes from the files.
/// </summary>
public sealed record FastVlmModelConfig
{
    public const string ConfigFile = "config.json";
    public const string GenerationConfigFile = "generation_config.json";
    public const string ProcessorConfigFile = "processor_config.json";
    public const string PreprocessorConfigFile = "preprocessor_config.json";
    public const string TokenizerFile = "tokenizer.json";
    public const string TokenizerConfigFile = "tokenizer_config.json";

    public required string Directory { get; init; }

    public required FastVlmTextConfig Text { get; init; }

    public FastVlmGenerationConfig? Generation { get; init; }

    public required FastVlmProcessorConfig Processor { get; init; }

    /// <summary>Side of the square image the encoder receives (crop size, else resize size).</summary>
    public required int ImageSize { get; init; }

    /// <summary>Stop ids: <c>generation_config.json</c>'s when it declares them, else <c>config.json</c>'s.</summary>
    public required IReadOnlyList<int> EosTokenIds { get; init; }

    /// <summary>Image tokens per image: (image size / patch size)², plus any additional tokens.</summary>
    public int ImageTokenCount => (ImageSize / Processor.PatchSize) * (ImageSize / Processor.PatchSize) + Processor.NumAdditionalImageTokens;

    public static FastVlmModelConfig Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new ModelLoadException(ModelErrorCodes.MissingFile, "The model directory does not exist. Pass a directory in the Hugging Face layout (config.json, onnx/*.onnx, tokenizer.json); `docpipe model fetch` downloads one.", full);
        }

        var text = FastVlmTextConfig.Read(JsonConfigReader.Load(Path.Combine(full, ConfigFile)));
        var generationJson = JsonConfigReader.LoadOptional(Path.Combine(full, GenerationConfigFile));
        var generation = generationJson is null ? null : FastVlmGenerationConfig.Read(generationJson);
        var processor = FastVlmProcessorConfig.Read(JsonConfigReader.Load(Path.Combine(full, ProcessorConfigFile)));
        var preprocessorJson = JsonConfigReader.Load(Path.Combine(full, PreprocessorConfigFile));
        var imageSize = ReadImageSize(preprocessorJson);
        if (imageSize % processor.PatchSize != 0)
        {
            throw preprocessorJson.Bad($"The image size {imageSize} is not a multiple of the patch size {processor.PatchSize} from {ProcessorConfigFile}.");
        }

        foreach (var file in new[] { TokenizerFile, TokenizerConfigFile })
        {
            var path = Path.Combine(full, file);
            if (!File.Exists(path))
            {
                throw new ModelLoadException(ModelErrorCodes.MissingFile, $"Required tokenizer file '{file}' is missing.", path);
            }
        }

        var eos = generation?.EosTokenIds is { Count: > 0 } g ? g : text.EosTokenIds;
        if (eos.Count == 0)
        {
            throw new ModelLoadException(ModelErrorCodes.BadConfig, "No 'eos_token_id' in generation_config.json or config.json: generation could never stop.", Path.Combine(full, ConfigFile));
        }

        return new FastVlmModelConfig
        {
            Directory = full,
            Text = text,
            Generation = generation,
            Processor = processor,
            ImageSize = imageSize,
            EosTokenIds = eos,
        };
    }

    private static int ReadImageSize(JsonConfigReader json)
    {
        var crop = json.Root["do_center_crop"]?.GetValue<bool>() != false ? Side(json.Root["crop_size"]) : null;
        var size = crop ?? Side(json.Root["size"]);
        return size is > 0 ? size.Value : throw json.Bad("Cannot tell the encoder's image size: expected 'crop_size' or 'size' with 'height'/'width' or 'shortest_edge'.");
    }

    private static int? Side(JsonNode? node) => node switch
    {
        JsonObject o when o["height"] is JsonNode h && o["width"] is JsonNode w =>
            h.GetValue<int>() == w.GetValue<int>() ? h.GetValue<int>() : null,
        JsonObject o when o["shortest_edge"] is JsonNode s => s.GetValue<int>(),
        JsonValue v when v.TryGetValue<int>(out var n) => n,
        _ => null,
    };
}
