using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Hosting;

namespace FastVlm.DocPipeline.Functions;

/// <summary>What submitting a blob did: the document (= orchestration instance) id and the decision taken.</summary>
public sealed record DocumentStart(string DocumentId, StartDecision Decision, ErrorInfo? Rejection = null);
