using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>A stored error: the stable code of a <see cref="DocPipelineException"/> and its message.</summary>
public sealed record ErrorInfo(string Code, string Message);
