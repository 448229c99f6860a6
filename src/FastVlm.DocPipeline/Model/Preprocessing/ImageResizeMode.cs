namespace FastVlm.DocPipeline.Model.Preprocessing;

/// <summary>How a page image is brought to the model's square input.</summary>
public enum ImageResizeMode
{
    /// <summary>
    /// Centre the image on a square canvas of its longer side filled with the mean colour (black for FastVLM),
    /// then resize to the model size. Matches how FastVLM was trained (<c>image_aspect_ratio = pad</c>); keeps
    /// the whole page.
    /// </summary>
    Pad,

    /// <summary>
    /// Resize the shortest edge to the model size, then centre-crop (the transformers.js behaviour; cuts off the
    /// top and bottom of tall pages). For parity with the reference runtime.
    /// </summary>
    ShortestEdgeCrop,
}
