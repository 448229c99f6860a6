namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// Input of <see cref="PageRangeWorkflow"/>: pages <see cref="FirstPage"/> to <see cref="LastPage"/> of a
/// prepared run. Small and fixed in size whatever the document: the schema is named by its hash.
/// </summary>
public sealed record PageRangeInput
{
    public required string DocumentId { get; init; }

    public required string RunId { get; init; }

    public required string SourceName { get; init; }

    /// <summary>Content the run pinned; every read of the source is checked against it.</summary>
    public required string Sha256 { get; init; }

    public required string SchemaHash { get; init; }

    public required int FirstPage { get; init; }

    public required int LastPage { get; init; }

    /// <summary>Most pages a leaf range handles itself (one rasterise activity).</summary>
    public required int LeafSize { get; init; }

    /// <summary>Most child ranges of a node.</summary>
    public required int FanOut { get; init; }

    /// <summary>Leave out pages earlier runs finished (false when forced or nothing is done).</summary>
    public bool SkipDonePages { get; init; }

    public required WorkflowRetryPolicies Retries { get; init; }

    /// <summary>Source pages before the document's page 1 (a part of a bundled file): page <c>n</c> is source page <c>n + offset</c>.</summary>
    public int SourcePageOffset { get; init; }

    public int PageCount => LastPage - FirstPage + 1;
}
