namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>A loaded graph as ONNX Runtime sees it: file, variant and declared inputs/outputs.</summary>
public sealed record GraphInfo(GraphKind Kind, GraphVariant Variant, string Path, IReadOnlyList<TensorInfo> Inputs, IReadOnlyList<TensorInfo> Outputs);

/// <summary>One declared input or output: name, element type and shape (symbolic axes by name).</summary>
public sealed record TensorInfo(string Name, string ElementType, string Shape);
