using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Model;

/// <summary>
/// What the extraction layer needs from a vision-language model: encode a page once, then ask
/// it any number of questions. Implemented by the FastVLM ONNX engine; tests may substitute it.
/// Implementations are safe for concurrent callers.
/// </summary>
public interface IDocumentVisionModel
{
    /// <summary>Name and variants of the loaded model, recorded with every result.</summary>
    ModelDescriptor Descriptor { get; }

    /// <summary>Runs the vision encoder (and, where supported, prefills the shared prompt prefix).</summary>
    Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks one question about an encoded image. <paramref name="userText"/> is the text after
    /// <c>&lt;image&gt;\n</c> in the user turn (question plus any post-prompt).
    /// </summary>
    Task<GenerationResult> AskAsync(
        IEncodedImage image,
        string userText,
        GenerationOptions? options = null,
        CancellationToken cancellationToken = default);
}
