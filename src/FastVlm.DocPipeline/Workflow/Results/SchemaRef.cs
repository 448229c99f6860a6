namespace FastVlm.DocPipeline.Workflow.Results;

public sealed record SchemaRef(string Name, string Version);
