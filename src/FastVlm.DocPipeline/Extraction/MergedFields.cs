using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>The merged result of a document: one entry per schema field, in schema order, and what the schema's rules found.</summary>
public sealed record MergedFields(IReadOnlyDictionary<string, FieldResult> Fields, bool NeedsReview)
{
    public IReadOnlyList<RuleResult> Rules { get; init; } = [];
}
