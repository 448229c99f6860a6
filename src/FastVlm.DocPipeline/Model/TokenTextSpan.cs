namespace FastVlm.DocPipeline.Model;

/// <summary>
/// Where one generated token's text lies in <see cref="GenerationResult.Text"/>, in UTF-16 characters. A token
/// that holds part of a character (byte-level BPE can split a UTF-8 sequence) covers that whole character, so the
/// tokens sharing it overlap; a token that adds no text (a special token) has an empty span where it stood.
/// </summary>
public readonly record struct TokenTextSpan(int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>True when the token's text shares at least one character with <c>[start, end)</c>.</summary>
    public bool Overlaps(int start, int end) => Length > 0 && Start < end && End > start;
}
