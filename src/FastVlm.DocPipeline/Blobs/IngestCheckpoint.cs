using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>
/// What the local host knows about one incoming blob: the version (etag) it finished, the document it became and
/// how that ended. A blob whose etag differs from its checkpoint (new or overwritten) is processed again.
/// </summary>
public sealed record IngestCheckpoint(string BlobName, string ETag, string? DocumentId, DocumentStatus Status, string? ErrorCode, DateTime UpdatedAt);
