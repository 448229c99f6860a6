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

    /// <summary>
    /// The <c>_q4f16</c> files: <see cref="Q4"/> converted to float16 with float32 inputs and outputs kept, as
    /// transformers.js' quantize.py does (MatMul4BitsQuantizer, then convert_float_to_float16 with keep_io_types).
    /// Every float weight and the MatMulNBits scales are stored in float16 and every MatMulNBits runs on float16
    /// activations; the remaining arithmetic stays float32 (as in <see cref="Float16"/>).
    /// </summary>
    Q4F16,

    /// <summary>
    /// float32 inputs and outputs; dynamic 8-bit quantization as ONNX Runtime's quantizer writes it (the <c>_int8</c>
    /// files): each weight quantized per tensor to int8, MatMul → DynamicQuantizeLinear + MatMulInteger, Conv →
    /// ConvInteger, Gather over the quantized table + DequantizeLinear.
    /// </summary>
    Int8,

    /// <summary>As <see cref="Int8"/> with uint8 weights (the <c>_uint8</c> files).</summary>
    Uint8,

    /// <summary>
    /// The <c>_quantized</c> files: uint8 weights in a graph with convolutions (the vision encoder), int8 elsewhere,
    /// as transformers.js' quantize.py chooses.
    /// </summary>
    Quantized,
}
