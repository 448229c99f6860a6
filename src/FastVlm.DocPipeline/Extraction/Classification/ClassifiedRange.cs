using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>Pages <see cref="FirstPage"/> to <see cref="LastPage"/> of a bundled file form one document, classified from its first page.</summary>
public sealed record ClassifiedRange(int FirstPage, int LastPage, DocumentClassification Classification);
