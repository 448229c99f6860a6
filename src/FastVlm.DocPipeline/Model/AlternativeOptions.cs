namespace FastVlm.DocPipeline.Model;

/// <summary>Bounds of <see cref="IDocumentVisionModel.ProposeAlternativesAsync"/>: how many alternatives, how long, and the decode work allowed.</summary>
public sealed class AlternativeOptions
{
    /// <summary>The most alternatives one answer ever gets.</summary>
    public const int MaxAlternativesLimit = 3;

    /// <summary>Alternatives to propose, at most <see cref="MaxAlternativesLimit"/>. Default 3.</summary>
    public int MaxAlternatives { get; set; } = MaxAlternativesLimit;

    /// <summary>Upper bound on an alternative's tokens, the answer's tokens before the branch included (the answer's own limit). Default 64.</summary>
    public int MaxNewTokens { get; set; } = 64;

    /// <summary>
    /// The most tokens this call may decode over all its branches (the forced answer tokens are prefilled, not decoded).
    /// A caller bounding a page's work passes what is left of the page's budget. Default 256.
    /// </summary>
    public int MaxDecodeTokens { get; set; } = 256;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxAlternatives, nameof(MaxAlternatives));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxAlternatives, MaxAlternativesLimit, nameof(MaxAlternatives));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNewTokens, nameof(MaxNewTokens));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDecodeTokens, nameof(MaxDecodeTokens));
    }
}
