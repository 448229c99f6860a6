using System.Collections.Concurrent;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Workflow.Fakes;

/// <summary>
/// A model for workflow tests: answers come from a script keyed by (page, question), each with a chosen
/// probability per token; hooks can make a page throw or block. Counts calls and concurrent work.
/// </summary>
internal sealed class ScriptedVisionModel : IDocumentVisionModel
{
    private readonly ConcurrentDictionary<(int Page, string Question), (string Text, double Probability)> _answers = new();
    private readonly ConcurrentDictionary<int, int> _encodesPerPage = new();
    private int _asks;
    private int _inFlight;
    private int _maxInFlight;

    public ModelDescriptor Descriptor { get; } = new("scripted-test-model", "fp32", "fp32", "fp32", "cpu", 16);

    /// <summary>Called before each encode with the page number and its attempt (1-based); throw to fail it.</summary>
    public Func<int, int, CancellationToken, Task>? BeforeEncode { get; set; }

    public (string Text, double Probability) Default { get; set; } = ("N/A", 0.9);

    public int Asks => _asks;

    public int Encodes => _encodesPerPage.Values.Sum();

    public int MaxInFlight => _maxInFlight;

    public int EncodesOf(int page) => _encodesPerPage.GetValueOrDefault(page);

    public void Answer(int page, string question, string text, double probability = 0.9) =>
        _answers[(page, question)] = (text, probability);

    public async Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default)
    {
        var page = FakeRasterizer.PageOf(image);
        var attempt = _encodesPerPage.AddOrUpdate(page, 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            if (BeforeEncode is not null)
            {
                await BeforeEncode(page, attempt, cancellationToken);
            }

            await Task.Yield();
            return new Encoded(page);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public Task<GenerationResult> AskAsync(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _asks);
        var page = ((Encoded)image).Page;
        var question = userText.Split('\n')[0];
        var (text, probability) = _answers.TryGetValue((page, question), out var scripted) ? scripted : Default;
        var tokens = Math.Max(1, text.Length / 4);
        var logprob = (float)Math.Log(probability);
        return Task.FromResult(new GenerationResult
        {
            Text = text,
            TokenIds = Enumerable.Range(1, tokens + 1).ToArray(),
            TokenLogprobs = Enumerable.Repeat(logprob, tokens).Append(-0.01f).ToArray(),
            PromptTokenCount = 20,
            ImageTokenCount = 4,
            FinishReason = FinishReason.Stop,
            Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, tokens + 1),
        });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
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
