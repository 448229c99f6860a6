using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Extraction.Evaluation;

/// <summary>
/// A model for evaluation tests that knows each page: it recognises the page it is shown (the nearest of the given
/// renderings, pixel by pixel) and answers by question (the prompt's first line) what that page's script says; "N/A" else.
/// </summary>
internal sealed class PageScriptedModel(IReadOnlyList<(RgbImage Image, IReadOnlyDictionary<string, string> Answers)> pages) : IDocumentVisionModel
{
    public const int ImageSize = 64;

    public ModelDescriptor Descriptor { get; } = new("page-scripted-test-model", "fp32", "fp32", "fp32", "cpu", ImageSize);

    public Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default)
    {
        var nearest = Enumerable.Range(0, pages.Count).MinBy(i => Distance(pages[i].Image, image));
        return Task.FromResult<IEncodedImage>(new Encoded(nearest));
    }

    public Task<GenerationResult> AskAsync(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var answers = pages[((Encoded)image).Page].Answers;
        var question = userText.Split('\n').FirstOrDefault(answers.ContainsKey);
        var text = question is null ? "N/A" : answers[question];
        return Task.FromResult(new GenerationResult
        {
            Text = text,
            TokenIds = [1, 2],
            TokenLogprobs = [-0.05f, -0.01f],
            PromptTokenCount = 20,
            ImageTokenCount = 4,
            FinishReason = FinishReason.Stop,
            Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 2),
        });
    }

    private static long Distance(RgbImage a, RgbImage b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            return long.MaxValue;
        }

        var x = a.Pixels.Span;
        var y = b.Pixels.Span;
        long sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += Math.Abs(x[i] - y[i]);
        }

        return sum;
    }

    private sealed class Encoded(int page) : IEncodedImage
    {
        public int Page { get; } = page;

        public int ImageTokenCount => 4;

        public TimeSpan EncodeTime => TimeSpan.Zero;

        public void Dispose()
        {
        }
    }
}
