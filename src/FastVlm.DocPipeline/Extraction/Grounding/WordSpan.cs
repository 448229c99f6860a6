namespace FastVlm.DocPipeline.Extraction.Grounding;

/// <summary>A run of consecutive words of a page's text layer that matched an answer.</summary>
internal readonly record struct WordSpan(int Start, int Count, string Match, double Score);
