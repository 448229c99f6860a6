using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Model;

/// <summary>A request to the model was refused because of its input (question too long, unusable image).</summary>
public sealed class ModelInputException : DocPipelineException
{
    public ModelInputException(string code, string message, Exception? innerException = null)
        : base(code, message, innerException)
    {
    }
}
