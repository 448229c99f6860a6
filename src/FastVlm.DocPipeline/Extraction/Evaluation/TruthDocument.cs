using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>A stored extraction result and the truth it is scored against (field name → expected value).</summary>
public sealed record TruthDocument(string Name, DocumentRecord Record, JsonObject Truth);
