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

    /// <summary>
    /// Asks several questions about one encoded image; the answers come back in the order of
    /// <paramref name="userTexts"/>, each equal to what <see cref="AskAsync"/> would answer. The default asks them
    /// one after another; the FastVLM engine decodes them together in batches.
    /// </summary>
    async Task<IReadOnlyList<GenerationResult>> AskManyAsync(
        IEncodedImage image,
        IReadOnlyList<string> userTexts,
        GenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userTexts);
        var results = new GenerationResult[userTexts.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = await AskAsync(image, userTexts[i], options, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>
    /// The total natural-log probability of each candidate answer to <paramref name="userText"/>: the sum over the
    /// candidate's tokens and the end-of-turn token that closes the answer. For answers constrained to a set of values.
    /// </summary>
    /// <exception cref="NotSupportedException">The model cannot score answers (the default; see <see cref="CanScoreCandidates"/>).</exception>
    Task<IReadOnlyList<double>> ScoreCandidatesAsync(
        IEncodedImage image,
        string userText,
        IReadOnlyList<string> candidates,
        CancellationToken cancellationToken = default) =>
        Task.FromException<IReadOnlyList<double>>(new NotSupportedException($"{GetType().Name} cannot score candidate answers."));

    /// <summary>Whether <see cref="ScoreCandidatesAsync"/> works for <paramref name="image"/> (the engine needs its prefix cache).</summary>
    bool CanScoreCandidates(IEncodedImage image) => false;

    /// <summary>
    /// Other likely answers to <paramref name="userText"/> than <paramref name="answer"/> (this model's answer to it):
    /// at each of the answer's least confident tokens, the answer is forced up to that token, the best other token is
    /// taken there, and the rest is decoded greedily. Never decodes more than <see cref="AlternativeOptions.MaxDecodeTokens"/>.
    /// The default proposes none (see <see cref="CanProposeAlternatives"/>).
    /// </summary>
    Task<ProposedAlternatives> ProposeAlternativesAsync(
        IEncodedImage image,
        string userText,
        GenerationResult answer,
        AlternativeOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(ProposedAlternatives.None);

    /// <summary>Whether <see cref="ProposeAlternativesAsync"/> proposes anything for <paramref name="image"/> (the engine branches on its prefix cache).</summary>
    bool CanProposeAlternatives(IEncodedImage image) => false;
}
