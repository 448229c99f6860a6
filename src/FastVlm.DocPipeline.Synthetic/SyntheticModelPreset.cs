namespace FastVlm.DocPipeline.Synthetic;

/// <summary>Which synthetic FastVLM to build.</summary>
public enum SyntheticModelPreset
{
    /// <summary>Small dimensions and a small tokenizer learned from built-in text (tests).</summary>
    Tiny,

    /// <summary>Small dimensions with the real Qwen vocabulary (tokenizer and table sizes as the real export).</summary>
    TinyQwen,

    /// <summary>The real FastVLM-0.5B dimensions with the real Qwen vocabulary (benchmarks, ~2.5 GB fp32).</summary>
    Full,
}
