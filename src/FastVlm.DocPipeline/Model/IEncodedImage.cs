namespace FastVlm.DocPipeline.Model;

/// <summary>
/// A page image after the vision encoder: owns native memory (ONNX Runtime values), so dispose it
/// when the page's questions are done.
/// </summary>
public interface IEncodedImage : IDisposable
{
    /// <summary>Rows of image features spliced into the prompt (256 at 1024 px).</summary>
    int ImageTokenCount { get; }

    /// <summary>Time spent in the vision encoder (and preprocessing) for this image.</summary>
    TimeSpan EncodeTime { get; }
}
