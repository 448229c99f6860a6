namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>Stable error codes of classification (<c>--schema auto</c>, <c>--split</c>).</summary>
public static class ClassificationErrorCodes
{
    /// <summary>Fewer than two candidate schemas: there is nothing to choose between.</summary>
    public const string TooFewCandidates = "classify.too_few_candidates";

    /// <summary>Two candidate schemas answer to the same label (or share a name).</summary>
    public const string AmbiguousLabel = "classify.ambiguous_label";

    /// <summary>The model cannot score fixed answers, which classification needs.</summary>
    public const string ModelCannotScore = "classify.model_cannot_score";

    /// <summary>The file has no pages to classify.</summary>
    public const string NoPages = "classify.no_pages";

    /// <summary>The document was classified with less confidence than the threshold (stored as a review issue, not thrown).</summary>
    public const string LowConfidence = "classify.low_confidence";
}
