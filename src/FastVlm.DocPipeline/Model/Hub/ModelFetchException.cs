using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Model.Hub;

/// <summary>A model download failed (<c>model.fetch_failed</c>): no network, the hub refused, or a file is missing upstream.</summary>
public sealed class ModelFetchException(string message, Exception? innerException = null)
    : DocPipelineException(ModelFetchException.ErrorCode, message, innerException)
{
    public const string ErrorCode = "model.fetch_failed";

    public override bool IsTransient => true;
}
