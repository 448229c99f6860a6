namespace FastVlm.DocPipeline.Model.Preprocessing;

/// <summary>An image cannot be turned into model input.</summary>
public sealed class ImagePreprocessingException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException)
{
    /// <summary>The image exceeds <see cref="ImagePreprocessorOptions.MaxInputPixels"/>.</summary>
    public const string TooLarge = "image.too_large";
}
