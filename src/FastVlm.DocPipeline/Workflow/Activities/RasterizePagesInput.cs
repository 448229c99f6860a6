namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Input of <see cref="ActivityNames.RasterizePages"/>: render pages <paramref name="FirstPage"/> (1-based)
/// up to <paramref name="MaxPages"/> of them, leaving out <paramref name="SkipPages"/>.
/// </summary>
public sealed record RasterizePagesInput(
    string DocumentId,
    string RunId,
    string SourceName,
    int FirstPage,
    int MaxPages,
    IReadOnlyList<int> SkipPages);
