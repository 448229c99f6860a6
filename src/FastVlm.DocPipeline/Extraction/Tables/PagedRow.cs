namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>A row of a document's table with the page it was read from (the first page, for a joined row).</summary>
public sealed record PagedRow(int Page, ParsedRow Row);
