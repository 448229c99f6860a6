using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>Input of <see cref="DocumentWorkflow"/>: which document, which schema, and how.</summary>
public sealed record DocumentWorkflowInput
{
    public const int DefaultRasterizeChunkSize = 4;

    /// <summary>Name of the document in the <see cref="Sources.IDocumentSource"/> (file path or blob name).</summary>
    public required string SourceName { get; init; }

    public required ExtractionSchema Schema { get; init; }

    /// <summary>Re-extract every page even when done by an earlier run.</summary>
    public bool Force { get; init; }

    /// <summary>Run id to use; when null the prepare activity makes one (never the workflow: it must stay deterministic).</summary>
    public string? RunId { get; init; }

    /// <summary>Pages rendered per rasterise activity; extraction of one chunk overlaps rendering of the next.</summary>
    public int RasterizeChunkSize { get; init; } = DefaultRasterizeChunkSize;

    public WorkflowRetryPolicies? Retries { get; init; }
}
