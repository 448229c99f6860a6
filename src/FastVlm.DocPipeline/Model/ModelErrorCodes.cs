using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Model;

/// <summary>Stable codes of <see cref="ModelLoadException"/> and <see cref="ModelInputException"/>.</summary>
public static class ModelErrorCodes
{
    /// <summary>The model directory or one of its required files does not exist.</summary>
    public const string MissingFile = "model.missing_file";

    /// <summary>ONNX Runtime could not load a graph (truncated or not an ONNX file).</summary>
    public const string CorruptGraph = "model.corrupt_graph";

    /// <summary>A graph's inputs or outputs differ from what the engine feeds or reads.</summary>
    public const string ContractMismatch = "model.contract_mismatch";

    /// <summary>A JSON configuration file is unreadable or lacks a required value.</summary>
    public const string BadConfig = "model.bad_config";

    /// <summary>The requested execution provider is not available and fallback was disabled.</summary>
    public const string ProviderUnavailable = "model.provider_unavailable";

    /// <summary>The image encoder produced a different number of rows than the prompt's image tokens.</summary>
    public const string ImageTokenMismatch = "model.image_token_mismatch";

    /// <summary>The prompt (question) is longer than the engine accepts.</summary>
    public const string PromptTooLong = "input.prompt_too_long";

    /// <summary>The image has more pixels than the preprocessing limit (the same code the image decoder uses for its header check).</summary>
    public const string ImageTooLarge = ImagingErrorCodes.ImageTooLarge;
}
