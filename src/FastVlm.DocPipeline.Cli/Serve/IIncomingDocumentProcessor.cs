using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// Runs the document workflow for one incoming blob. Must be idempotent (deterministic document ids, status in
/// the result store): the host calls it again for a blob whose earlier run was interrupted or failed transiently.
/// Throw a <see cref="DocPipelineException"/> with <see cref="DocPipelineException.IsTransient"/> to have it retried.
/// </summary>
internal interface IIncomingDocumentProcessor
{
    Task<IngestOutcome> ProcessAsync(IncomingBlob blob, CancellationToken cancellationToken);
}
