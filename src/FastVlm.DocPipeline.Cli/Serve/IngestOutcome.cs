using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>How processing one blob ended: the document it became and its final status (completed or failed, with the code).</summary>
internal sealed record IngestOutcome(string? DocumentId, DocumentStatus Status, string? ErrorCode = null);
