namespace FastVlm.DocPipeline.Model;

/// <summary>How a page image is made square before it is resized to the encoder's size.</summary>
public enum ImagePreprocessingMode
{
    /// <summary>Centre the image on a black square of its longer side (Apple's training setting; keeps whole pages).</summary>
    Pad,

    /// <summary>Resize the shortest edge to the model size and centre-crop (transformers.js; cuts tall pages).</summary>
    ShortestEdgeCrop,
}
