using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Extraction.Evaluation;

/// <summary>
/// A model for evaluation tests on real rendered pages: answers by question (the prompt's first line after
/// the image token), whatever the page; unscripted questions get "N/A".
/// </summary>
internal sealed class QuestionScriptedModel(IReadOnlyDictionary<string, string> answers, double probability = 0.9) : IDocumentVisionModel
{
    public ModelDescriptor Descriptor { get; } = new("question-scripted-test-model", "fp32", "fp32", "fp32", "cpu", 64);

    public Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default) =>
        Task.FromResult<IEncodedImage>(new Encoded());

    public Task<GenerationResult> AskAsync(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lines = userText.Split('\n');
        var question = lines.FirstOrDefault(l => answers.ContainsKey(l));
        var text = question is null ? "N/A" : answers[question];
        var tokens = Math.Max(1, text.Length / 4);
        return Task.FromResult(new GenerationResult
        {
            Text = text,
            TokenIds = Enumerable.Range(1, tokens + 1).ToArray(),
            TokenLogprobs = Enumerable.Repeat((float)Math.Log(probability), tokens).Append(-0.01f).ToArray(),
            PromptTokenCount = 20,
            ImageTokenCount = 4,
            FinishReason = FinishReason.Stop,
            Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, tokens + 1),
        });
    }

    private sealed class Encoded : IEncodedImage
    {
        public int ImageTokenCount => 4;

        public TimeSpan EncodeTime => TimeSpan.Zero;

        public void Dispose()
        {
        }
    }
}
