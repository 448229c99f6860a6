using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

/// <summary>The real model, except that every proposal of alternatives starts with one given text (a value known to be on the page).</summary>
internal sealed class ScriptedAlternativeModel(IDocumentVisionModel inner, string firstAlternative) : IDocumentVisionModel
{
    public ModelDescriptor Descriptor => inner.Descriptor;

    public Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default) => inner.EncodeImageAsync(image, cancellationToken);

    public Task<GenerationResult> AskAsync(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.AskAsync(image, userText, options, cancellationToken);

    public Task<IReadOnlyList<GenerationResult>> AskManyAsync(IEncodedImage image, IReadOnlyList<string> userTexts, GenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.AskManyAsync(image, userTexts, options, cancellationToken);

    public Task<IReadOnlyList<double>> ScoreCandidatesAsync(IEncodedImage image, string userText, IReadOnlyList<string> candidates, CancellationToken cancellationToken = default) =>
        inner.ScoreCandidatesAsync(image, userText, candidates, cancellationToken);

    public bool CanScoreCandidates(IEncodedImage image) => inner.CanScoreCandidates(image);

    public bool CanProposeAlternatives(IEncodedImage image) => inner.CanProposeAlternatives(image);

    public async Task<ProposedAlternatives> ProposeAlternativesAsync(
        IEncodedImage image, string userText, GenerationResult answer, AlternativeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var proposed = await inner.ProposeAlternativesAsync(image, userText, answer, options, cancellationToken);
        var scripted = answer with { Text = firstAlternative, TokenIds = [1, 2], TokenLogprobs = [-0.7f, -0.01f], FinishReason = FinishReason.Stop };
        return proposed with { Answers = [scripted, .. proposed.Answers] };
    }
}
