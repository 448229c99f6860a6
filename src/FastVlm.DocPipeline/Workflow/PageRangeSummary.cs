using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// What a <see cref="PageRangeWorkflow"/> reports to its parent: counts and timings only (bounded size);
/// page answers and failures are in the result store.
/// </summary>
public sealed record PageRangeSummary
{
    public int PagesExtracted { get; init; }

    public int PagesSkipped { get; init; }

    public int PagesFailed { get; init; }

    public double RasterizeMs { get; init; }

    public double ExtractMs { get; init; }

    /// <summary>Part of <see cref="ExtractMs"/> spent on alternatives for doubtful fields.</summary>
    public double AlternativesMs { get; init; }

    /// <summary>Tokens decoded for those alternatives.</summary>
    public int AlternativeTokens { get; init; }

    public ModelInfo? Model { get; init; }

    /// <summary>A failure that concerns the whole document (its source changed), else null.</summary>
    public ErrorInfo? DocumentError { get; init; }

    public static PageRangeSummary Combine(IEnumerable<PageRangeSummary> parts)
    {
        var all = parts.ToArray();
        return new PageRangeSummary
        {
            PagesExtracted = all.Sum(p => p.PagesExtracted),
            PagesSkipped = all.Sum(p => p.PagesSkipped),
            PagesFailed = all.Sum(p => p.PagesFailed),
            RasterizeMs = Math.Round(all.Sum(p => p.RasterizeMs), 1),
            ExtractMs = Math.Round(all.Sum(p => p.ExtractMs), 1),
            AlternativesMs = Math.Round(all.Sum(p => p.AlternativesMs), 1),
            AlternativeTokens = all.Sum(p => p.AlternativeTokens),
            Model = all.Select(p => p.Model).FirstOrDefault(m => m is not null),
            DocumentError = all.Select(p => p.DocumentError).FirstOrDefault(e => e is not null),
        };
    }
}
