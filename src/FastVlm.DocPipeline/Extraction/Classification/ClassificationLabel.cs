namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>One candidate label and the schema it selects.</summary>
public sealed record ClassificationLabel(string Schema, string Label);
