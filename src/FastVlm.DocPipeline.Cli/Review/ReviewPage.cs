namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>A page of a document as the review app shows it: its size in pixels and where its image is (relative URL; null when none was kept).</summary>
internal sealed record ReviewPage(int Page, int Width, int Height, string? Image);
