namespace FastVlm.DocPipeline.Workflow;

/// <summary>The retry policy of each activity of the document workflow (serialisable, part of the workflow input).</summary>
public sealed record WorkflowRetryPolicies
{
    public ActivityRetryPolicy Prepare { get; init; } = new(3, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(10));

    public ActivityRetryPolicy Rasterize { get; init; } = new(3, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(20));

    public ActivityRetryPolicy ExtractPage { get; init; } = new(3, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(30));

    public ActivityRetryPolicy Complete { get; init; } = new(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(10));

    public static WorkflowRetryPolicies Default { get; } = new();

    /// <summary>Same attempt counts with millisecond delays (tests).</summary>
    public static WorkflowRetryPolicies Fast { get; } = new()
    {
        Prepare = new(3, TimeSpan.FromMilliseconds(5)),
        Rasterize = new(3, TimeSpan.FromMilliseconds(5)),
        ExtractPage = new(3, TimeSpan.FromMilliseconds(5)),
        Complete = new(3, TimeSpan.FromMilliseconds(5)),
    };
}
