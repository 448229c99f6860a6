using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Options of <see cref="DocumentActivities"/>.</summary>
public sealed class DocumentActivitiesOptions
{
    public RasterizationOptions Rasterization { get; set; } = RasterizationOptions.Default;

    /// <summary>
    /// Most tokens one page may decode for alternatives to its doubtful fields (answers below the schema's review
    /// threshold); 0 proposes none. Default 256.
    /// </summary>
    public int MaxAlternativeTokensPerPage { get; set; } = 256;

    /// <summary>
    /// How long a run's claim on its document lasts without news: each finished page renews it. A run whose lease
    /// expires is taken for dead (its document shows the earlier run's values with an "interrupted run" notice). Default
    /// 2 minutes; it must exceed the longest a page can take.
    /// </summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Rendered pages shared between rasterise and extract in one process; null turns the cache off.</summary>
    public PageImageCache? PageCache { get; set; } = new();

    /// <summary>Clock for timestamps and run ids (activities may read the clock; the workflow may not).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Announces finished documents (the Functions app: Event Grid); null publishes nothing.</summary>
    public Events.DocumentCompletionNotifier? CompletionNotifier { get; set; }
}
