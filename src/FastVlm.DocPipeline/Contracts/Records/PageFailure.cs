namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>A page that failed after its retries (1-based page number).</summary>
public sealed record PageFailure(int Page, string Code, string Message, int Attempts);
