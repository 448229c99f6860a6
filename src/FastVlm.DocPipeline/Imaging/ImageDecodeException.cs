using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Imaging;

/// <summary>
/// An image could not be decoded. <see cref="DocPipelineException.Code"/> is one of <see cref="ImagingErrorCodes"/>.
/// </summary>
public sealed class ImageDecodeException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException);
