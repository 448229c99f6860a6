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
    public const string PreprocessorConfigFile = PreprocessorConfig.FileName;
    public const string TokenizerFile = "tokenizer.json";
    public const string TokenizerConfigFile = "tokenizer_config.json";

    public required string Directory { get; init; }

    public required FastVlmTextConfig Text { get; init; }

    public FastVlmGenerationConfig? Generation { get; init; }

    public required FastVlmProcessorConfig Processor { get; init; }

    /// <summary><c>preprocessor_config.json</c>: image size, rescale factor, mean/std.</summary>
    public required PreprocessorConfig Preprocessor { get; init; }

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

        var text = FastVlmTextConfig.Read(ModelJsonFile.Load(Path.Combine(full, ConfigFile)));
        var generationJson = ModelJsonFile.LoadOptional(Path.Combine(full, GenerationConfigFile));
        var generation = generationJson is null ? null : FastVlmGenerationConfig.Read(generationJson);
        var processor = FastVlmProcessorConfig.Read(ModelJsonFile.Load(Path.Combine(full, ProcessorConfigFile)));
        var preprocessorPath = Path.Combine(full, PreprocessorConfigFile);
        var preprocessor = PreprocessorConfig.FromFile(preprocessorPath);
        var imageSize = preprocessor.GetImageSize(preprocessorPath);
        if (imageSize % processor.PatchSize != 0)
        {
            throw new ModelLoadException(
                ModelErrorCodes.BadConfig,
                $"The image size {imageSize} is not a multiple of the patch size {processor.PatchSize} from {ProcessorConfigFile}.",
                preprocessorPath);
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
            Preprocessor = preprocessor,
            ImageSize = imageSize,
            EosTokenIds = eos,
        };
    }
}
