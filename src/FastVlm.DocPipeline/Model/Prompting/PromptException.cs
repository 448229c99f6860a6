using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Model.Prompting;

/// <summary>A prompt could not be built. <see cref="DocPipelineException.Code"/> is <c>prompt.invalid_question</c>.</summary>
public sealed class PromptException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException)
{
    /// <summary>The question cannot be placed in the prompt (for example it contains the image token).</summary>
    public const string InvalidQuestion = "prompt.invalid_question";
}
