namespace FastVlm.DocPipeline.Synthetic;

/// <summary>How a synthetic graph stores its weights and exchanges its floating-point inputs and outputs.</summary>
public enum WeightPrecision
{
    /// <summary>float32 everywhere: the files without a suffix.</summary>
    Float32,

    /// <summary>float16 weights, inputs, outputs and KV cache (the <c>_fp16</c> files); computation inside is float32.</summary>
    Float16,
}
