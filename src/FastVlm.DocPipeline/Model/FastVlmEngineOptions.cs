using FastVlm.DocPipeline.Model.Onnx;
using FastVlm.DocPipeline.Model.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Model;

/// <summary>Options of <see cref="FastVlmEngine"/>: where the model is, which variants, where and how to run it.</summary>
public sealed class FastVlmEngineOptions
{
    /// <summary>Model directory in the Hugging Face layout (config.json, tokenizer.json, onnx/*.onnx).</summary>
    public string ModelDirectory { get; set; } = "";

    /// <summary>Vision encoder variant; null picks the best present one for the provider.</summary>
    public GraphVariant? VisionEncoderVariant { get; set; }

    /// <summary>Token embedding variant; null picks the best present one for the provider.</summary>
    public GraphVariant? EmbedTokensVariant { get; set; }

    /// <summary>Decoder variant; null picks the best present one for the provider (never fp16/q4f16 on CPU).</summary>
    public GraphVariant? DecoderVariant { get; set; }

    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Cpu;

    /// <summary>When CUDA is requested but unavailable: true logs it once and runs on CPU, false fails the load.</summary>
    public bool FallbackToCpu { get; set; } = true;

    /// <summary>CUDA device ordinal.</summary>
    public int DeviceId { get; set; }

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpNumThreads { get; set; }

    /// <summary>Threads across independent operators; 0 lets ONNX Runtime choose.</summary>
    public int InterOpNumThreads { get; set; }

    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Default for <see cref="GenerationOptions.MaxNewTokens"/> when the caller passes no options.</summary>
    public int MaxNewTokens { get; set; } = 64;

    /// <summary>How a non-square image becomes the encoder's square: pad on black (training) or crop (transformers.js).</summary>
    public ImageResizeMode ImagePreprocessing { get; set; } = ImageResizeMode.Pad;

    /// <summary>
    /// Prefill the shared prefix (system turn, user header, image rows) once per encoded image and reuse its
    /// key/value cache for every question. Off: every question prefills the whole prompt. The 8-bit variants
    /// (int8, uint8, quantized) quantize activations with one scale per Run, so they give the reference runtime's
    /// logits only with this off (<see cref="Onnx.GraphVariants.QuantizesActivationsPerRun"/>).
    /// </summary>
    public bool ReusePrefixCache { get; set; } = true;

    /// <summary>Longest accepted user text, in tokens; longer questions fail with <see cref="ModelErrorCodes.PromptTooLong"/>.</summary>
    public int MaxUserTextTokens { get; set; } = 2048;

    /// <summary>Longest accepted user text, in characters, checked before tokenising.</summary>
    public int MaxUserTextChars { get; set; } = 16_384;

    /// <summary>Largest image (width × height) the engine accepts; larger ones fail with <see cref="ModelErrorCodes.ImageTooLarge"/>.</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;

    /// <summary>A copy, so later changes to the caller's instance do not reach a loaded engine.</summary>
    internal FastVlmEngineOptions Clone() => (FastVlmEngineOptions)MemberwiseClone();

    internal FastVlmEngineOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelDirectory))
        {
            throw new ArgumentException("ModelDirectory is required.", nameof(ModelDirectory));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNewTokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxUserTextTokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxUserTextChars);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxImagePixels);
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpNumThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(InterOpNumThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(DeviceId);
        return this;
    }
}
