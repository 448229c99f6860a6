namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// A validation rule as written in the schema. It is kept as text (it travels in activity inputs) and parsed
/// where it is checked; <see cref="SchemaLoader"/> has already proved that it parses and binds.
/// </summary>
public sealed record SchemaRule(string Rule, string? ForEach = null);
