using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>The answers of one page (1-based), keyed by field name: the input of <see cref="FieldMerger"/>.</summary>
public sealed record PageAnswers(int Page, IReadOnlyDictionary<string, PageAnswer> Answers);
