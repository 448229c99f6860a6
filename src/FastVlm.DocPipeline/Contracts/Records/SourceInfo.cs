namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>Where a document came from: a blob (container + name + etag) or a local file (container null).</summary>
public sealed record SourceInfo(string? Container, string Name, string? ETag, string Sha256, long Size);
