namespace FastVlm.DocPipeline.Workflow;

/// <summary>The workflow's custom status (Durable <c>SetCustomStatus</c>): stage and page counts.</summary>
public sealed record WorkflowProgress
{
    public required string SourceName { get; init; }

    public string? DocumentId { get; init; }

    public string? RunId { get; init; }

    /// <summary>One of the <see cref="WorkflowStages"/> values.</summary>
    public required string Stage { get; init; }

    public int PageCount { get; init; }

    public int PagesRendered { get; init; }

    public int PagesDone { get; init; }

    public int PagesFailed { get; init; }

    public int PagesSkipped { get; init; }

    /// <summary>Questions asked per page (the schema's field count).</summary>
    public int FieldCount { get; init; }
}
