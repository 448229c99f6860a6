using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>Input of <see cref="DocumentWorkflow"/>: which document, which schema, and how.</summary>
public sealed record DocumentWorkflowInput
{
    /// <summary>Pages one <see cref="PageRangeWorkflow"/> leaf renders (in one rasterise activity) and extracts.</summary>
    public const int DefaultRasterizeChunkSize = 32;

    /// <summary>Child ranges per <see cref="PageRangeWorkflow"/> node above the leaves.</summary>
    public const int DefaultRangeFanOut = 16;

    /// <summary>Name of the document in the <see cref="Contracts.Ports.IDocumentSource"/> (file path or blob name).</summary>
    public required string SourceName { get; init; }

    /// <summary>
    /// The schema; travels once (here and in the run record), page inputs carry only its content hash. Null when
    /// <see cref="Classification"/> chooses it.
    /// </summary>
    public ExtractionSchema? Schema { get; init; }

    /// <summary>Choose the schema by classification (<c>--schema auto</c>) instead of <see cref="Schema"/>; exactly one of the two is set.</summary>
    public ClassificationRequest? Classification { get; init; }

    /// <summary>Re-extract every page even when done by an earlier run.</summary>
    public bool Force { get; init; }

    /// <summary>Run id to use; when null the workflow mints one with <see cref="IWorkflowContext.NewGuid"/>.</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// The content the host already hashed (Functions: when it derived the instance id); the run reads only
    /// these bytes and fails with <c>source.changed</c> otherwise. Null: the prepare activity pins what it reads.
    /// </summary>
    public SourceInfo? PinnedSource { get; init; }

    /// <summary>Pages per leaf range (one rasterise activity each); extraction of one range overlaps rendering of the next.</summary>
    public int RasterizeChunkSize { get; init; } = DefaultRasterizeChunkSize;

    public int RangeFanOut { get; init; } = DefaultRangeFanOut;

    public WorkflowRetryPolicies? Retries { get; init; }
}
