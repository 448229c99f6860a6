using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Output of <see cref="ActivityNames.ExtractPage"/>: only what the workflow uses; the answers are in the page record.</summary>
public sealed record ExtractPageOutput(int Page, double TotalMs, ModelInfo Model)
{
    /// <summary>Time spent proposing alternatives for doubtful fields (part of <see cref="TotalMs"/>).</summary>
    public double AlternativesMs { get; init; }

    /// <summary>Tokens decoded for those alternatives (at most <see cref="DocumentActivitiesOptions.MaxAlternativeTokensPerPage"/>).</summary>
    public int AlternativeTokens { get; init; }
}
