using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>Turns an RGB image into the encoder's input: one image's planar CHW values, float32 or float16.</summary>
internal interface IImageTensorWriter
{
    /// <summary>Side of the square the encoder takes.</summary>
    int ImageSize { get; }

    /// <summary>Writes 3 × <see cref="ImageSize"/>² values.</summary>
    void Write(RgbImage image, Span<float> destination);

    /// <summary>Writes 3 × <see cref="ImageSize"/>² values.</summary>
    void Write(RgbImage image, Span<Half> destination);
}
