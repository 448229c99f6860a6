namespace FastVlm.DocPipeline.Blobs.Ingestion;

/// <summary>A blob found in the incoming container (the version seen: its etag).</summary>
public sealed record IncomingBlob(string Name, string ETag, long Size);
