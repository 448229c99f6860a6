namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>One label a document was scored against, the schema it stands for, and its normalised probability.</summary>
public sealed record ClassificationCandidate(string Schema, string Label, double Confidence);
