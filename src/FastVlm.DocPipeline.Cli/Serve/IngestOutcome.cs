using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// How processing one blob ended: the document it became, its final status (completed or failed, with the code)
/// and how many of its pages failed (a completed document with failed pages is partially failed).
/// </summary>
internal sealed record IngestOutcome(string? DocumentId, DocumentStatus Status, string? ErrorCode = null, int PagesFailed = 0)
{
    public bool IsPartial => Status == DocumentStatus.Completed && PagesFailed > 0;
}
