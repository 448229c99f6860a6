using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Output of <see cref="ActivityNames.ExtractPage"/>: the page's answers (also stored as its page record).</summary>
public sealed record ExtractPageOutput(
    int Page,
    IReadOnlyDictionary<string, PageAnswer> Answers,
    IReadOnlyDictionary<string, double> TimingsMs,
    ModelInfo Model);
