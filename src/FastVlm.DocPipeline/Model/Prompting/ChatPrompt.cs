namespace FastVlm.DocPipeline.Model.Prompting;

/// <summary>
/// A tokenised single-image prompt: <see cref="TokenIds"/> = the shared prefix (system turn, user header, image
/// token) followed by the question's suffix. The image token appears exactly once, at <see cref="ImageTokenIndex"/>,
/// which is also the last position of the prefix.
/// </summary>
public sealed class ChatPrompt
{
    internal ChatPrompt(int[] tokenIds, int prefixLength)
    {
        TokenIds = tokenIds;
        PrefixLength = prefixLength;
    }

    /// <summary>All prompt ids, one image token included (the engine replaces it by the encoder's rows).</summary>
    public IReadOnlyList<int> TokenIds { get; }

    /// <summary>Number of ids shared by every question about the same image (up to and including the image token).</summary>
    public int PrefixLength { get; }

    /// <summary>Position of the single image token in <see cref="TokenIds"/>.</summary>
    public int ImageTokenIndex => PrefixLength - 1;

    /// <summary>The per-question ids after the image token.</summary>
    internal IReadOnlyList<int> SuffixTokenIds => new ArraySegment<int>((int[])TokenIds, PrefixLength, TokenIds.Count - PrefixLength);
}
