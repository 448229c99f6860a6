namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>The model that produced a result: name and the dtype variant of each graph.</summary>
public sealed record ModelInfo(string Name, IReadOnlyDictionary<string, string> Variants, string ExecutionProvider);
