using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Events;

/// <summary>A completion event that could not be published now; transient, so the caller's retries try again.</summary>
public sealed class CompletionEventException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException)
{
    public override bool IsTransient => Code == EventErrorCodes.EventGridFailed;
}
