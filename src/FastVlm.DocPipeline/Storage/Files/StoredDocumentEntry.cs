using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>One document folder of a <see cref="FileResultStore"/>: its record, or why it cannot be read (code <c>store.corrupt</c>) and how to fix it.</summary>
public sealed record StoredDocumentEntry(string DocumentId, string Path, DocumentRecord? Record, DocPipelineException? Problem);
