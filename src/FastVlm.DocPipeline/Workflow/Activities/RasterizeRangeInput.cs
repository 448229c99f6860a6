namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Input of <see cref="ActivityNames.RasterizeRange"/>: render pages <paramref name="FirstPage"/> to
/// <paramref name="LastPage"/> (1-based, inclusive) of the source with content <paramref name="Sha256"/>,
/// leaving out pages earlier runs finished when <paramref name="SkipDonePages"/>. Page <c>n</c> of the document is
/// page <c>n + <paramref name="SourcePageOffset"/></c> of the file (a part of a bundled file).
/// </summary>
public sealed record RasterizeRangeInput(
    string DocumentId,
    string RunId,
    string SourceName,
    string Sha256,
    int FirstPage,
    int LastPage,
    bool SkipDonePages,
    int SourcePageOffset = 0);
