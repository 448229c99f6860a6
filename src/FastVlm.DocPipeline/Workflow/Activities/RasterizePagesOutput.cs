namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Output of <see cref="ActivityNames.RasterizePages"/>: the document's page count and the pages rendered.</summary>
public sealed record RasterizePagesOutput(int PageCount, string Format, IReadOnlyList<RenderedPageInfo> Pages, double ElapsedMs);
