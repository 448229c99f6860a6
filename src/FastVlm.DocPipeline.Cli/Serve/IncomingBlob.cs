namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>A blob found in the incoming container (the version seen: its etag).</summary>
internal sealed record IncomingBlob(string Name, string ETag, long Size);
