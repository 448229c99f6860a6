namespace FastVlm.DocPipeline.Contracts.Records;

public sealed record SchemaRef(string Name, string Version);
