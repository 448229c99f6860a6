namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>Where ONNX Runtime runs the graphs.</summary>
public enum ExecutionProvider
{
    Cpu,

    /// <summary>NVIDIA CUDA; needs the GPU build of ONNX Runtime (<c>-p:OnnxRuntimeFlavor=Gpu</c>).</summary>
    Cuda,
}
