using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// A fault of the host, not of the document it was about to process (the model cannot load): the ingestion loop
/// stops on it instead of storing or checkpointing the document as failed.
/// </summary>
internal sealed class HostFaultException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException);
