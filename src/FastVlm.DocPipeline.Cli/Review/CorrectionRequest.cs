namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>Body of <c>POST /api/documents/{id}/fields/{field}/correction</c>.</summary>
internal sealed record CorrectionRequest(string? Value);
