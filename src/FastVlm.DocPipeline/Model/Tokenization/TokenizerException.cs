using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>
/// The tokenizer could not be loaded or used. <see cref="DocPipelineException.Code"/> is one of
/// <see cref="TokenizerErrorCodes"/>; the message names the file.
/// </summary>
public sealed class TokenizerException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException);
