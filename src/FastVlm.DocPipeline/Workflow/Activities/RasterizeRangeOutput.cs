namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Output of <see cref="ActivityNames.RasterizeRange"/>: the pages rendered and how many were already done.</summary>
public sealed record RasterizeRangeOutput(IReadOnlyList<RenderedPageInfo> Pages, int PagesSkipped, double ElapsedMs);
