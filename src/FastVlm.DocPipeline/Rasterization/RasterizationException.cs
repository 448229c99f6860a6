using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Rasterization;

/// <summary>
/// A document could not be rasterised. <see cref="DocPipelineException.Code"/> is one of
/// <see cref="RasterizationErrorCodes"/>.
/// </summary>
public sealed class RasterizationException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException);
