namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>A rendered page (1-based): where its PNG is stored and its pixel size.</summary>
public sealed record RenderedPageInfo(int Page, string ImageName, int Width, int Height, bool HasTextLayer, double RenderMs);
