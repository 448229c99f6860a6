namespace FastVlm.DocPipeline.Synthetic;

/// <summary>How a synthetic graph stores its weights and exchanges its floating-point inputs and outputs.</summary>
public enum WeightPrecision
{
    /// <summary>float32 everywhere: the files without a suffix.</summary>
    Float32,

    /// <summary>float16 weights, inputs, outputs and KV cache (the <c>_fp16</c> files); computation inside is float32.</summary>
    Float16,

    /// <summary>
    /// float32 inputs and outputs; every MatMul with a weight becomes the <c>com.microsoft</c> MatMulNBits of 4-bit
    /// symmetric blocks of 32 (the <c>_q4</c> files, as ONNX Runtime's MatMul4BitsQuantizer writes them). Gather and
    /// Conv weights stay float32, as that quantizer leaves them.
    /// </summary>
    Q4,
}
