using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Input of <see cref="ActivityNames.RecordClassifiedSource"/>: the file's own record after classification, with the
/// documents it was split into, or the error that stopped classification.
/// </summary>
public sealed record RecordClassifiedSourceInput
{
    public required string DocumentId { get; init; }

    public required string RunId { get; init; }

    public required SourceInfo Source { get; init; }

    public int PageCount { get; init; }

    /// <summary>Pages done over all the parts (this run's and earlier runs').</summary>
    public int PagesDone { get; init; }

    public IReadOnlyList<DocumentPart> Parts { get; init; } = [];

    public ErrorInfo? Error { get; init; }

    public required DateTime StartedAt { get; init; }

    public required DateTime CompletedAt { get; init; }
}
