using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Classification;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>
/// A model that answers from the samples' <c>*.truth.json</c>: it knows each page it was taught by its rendered
/// pixels (rendered here with the pipeline's own rasteriser and options), and answers classification with the
/// page's true schema (probability <see cref="ClassificationProbability"/>, the rest spread over the other labels),
/// "does this page start a new document?" with the truth's page ranges, and field questions with the truth's values.
/// A page it was not taught fails the encode.
/// </summary>
internal sealed class TruthAnsweringModel(bool canScore = true) : IDocumentVisionModel
{
    private const double Certain = 0.95;

    private readonly ConcurrentDictionary<string, PageTruth> _pages = new(StringComparer.Ordinal);

    public ModelDescriptor Descriptor { get; } = new("truth-answering-test-model", "fp32", "fp32", "fp32", "cpu", 1024);

    /// <summary>Probability given to the page's true label (default <see cref="Certain"/>).</summary>
    public double ClassificationProbability { get; set; } = Certain;

    public RasterizationOptions Rasterization { get; } = new() { TargetLongestSide = 1024 };

    /// <summary>What the model knows about one page: its schema (the label it answers), whether it starts a document, the answers by question.</summary>
    public sealed record PageTruth(string Schema, bool StartsDocument, IReadOnlyDictionary<string, string> AnswersByQuestion);

    /// <summary>Teaches pages <paramref name="firstPage"/>–<paramref name="lastPage"/> of a PDF as one document of <paramref name="schema"/> with the given truth.</summary>
    public async Task LearnAsync(string pdf, int firstPage, int lastPage, ExtractionSchema schema, JsonObject truth)
    {
        var answers = AnswersByQuestion(schema, truth);
        var rasterizer = new DocumentRasterizer(Rasterization);
        await using var stream = File.OpenRead(pdf);
        using var document = await rasterizer.OpenAsync(stream, pdf, Rasterization);
        for (var page = firstPage; page <= lastPage; page++)
        {
            var rendered = await document.RenderPageAsync(page - 1);
            _pages[Fingerprint(rendered.Image)] = new PageTruth(schema.Name, page == firstPage, answers);
        }
    }

    /// <summary>Teaches every document of the bundled sample from its truth file's ranges.</summary>
    public async Task LearnBundleAsync(string pdf, JsonObject bundleTruth, IReadOnlyList<ExtractionSchema> schemas)
    {
        foreach (var document in bundleTruth["documents"]!.AsArray().Select(d => d!.AsObject()))
        {
            var schema = schemas.Single(s => s.Name == document["schema"]!.GetValue<string>());
            await LearnAsync(pdf, document["firstPage"]!.GetValue<int>(), document["lastPage"]!.GetValue<int>(), schema, document["truth"]!.AsObject());
        }
    }

    public Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default) =>
        _pages.TryGetValue(Fingerprint(image), out var truth)
            ? Task.FromResult<IEncodedImage>(new Encoded(truth))
            : throw new InvalidOperationException("The truth-answering model was not taught this page.");

    public bool CanScoreCandidates(IEncodedImage image) => canScore;

    public Task<IReadOnlyList<double>> ScoreCandidatesAsync(IEncodedImage image, string userText, IReadOnlyList<string> candidates, CancellationToken cancellationToken = default)
    {
        var page = ((Encoded)image).Truth;
        if (userText == ClassificationPrompts.StartsNewDocument)
        {
            return Scores(candidates, page.StartsDocument ? "Yes" : "No", Certain);
        }

        if (userText == ClassificationPrompts.DocumentType(candidates))
        {
            return Scores(candidates, page.Schema, ClassificationProbability);
        }

        var question = userText.Split('\n')[0];
        return Scores(candidates, page.AnswersByQuestion.GetValueOrDefault(question) ?? ConstrainedAnswer.NotPresent, Certain);
    }

    public Task<GenerationResult> AskAsync(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var page = ((Encoded)image).Truth;
        var text = page.AnswersByQuestion.GetValueOrDefault(userText.Split('\n')[0]) ?? "N/A";
        var tokens = Math.Max(1, text.Length / 4);
        return Task.FromResult(new GenerationResult
        {
            Text = text,
            TokenIds = Enumerable.Range(1, tokens + 1).ToArray(),
            TokenLogprobs = Enumerable.Repeat((float)Math.Log(Certain), tokens).Append(-0.01f).ToArray(),
            PromptTokenCount = 20,
            ImageTokenCount = 4,
            FinishReason = FinishReason.Stop,
            Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, tokens + 1),
        });
    }

    /// <summary>The probability <paramref name="probability"/> on the candidate equal to <paramref name="answer"/>, the rest spread evenly, as log-probabilities.</summary>
    private static Task<IReadOnlyList<double>> Scores(IReadOnlyList<string> candidates, string answer, double probability)
    {
        var rest = candidates.Count > 1 ? (1 - probability) / (candidates.Count - 1) : 0;
        IReadOnlyList<double> scores = candidates.Select(c => Math.Log(string.Equals(c, answer, StringComparison.OrdinalIgnoreCase) ? probability : rest)).ToArray();
        return Task.FromResult(scores);
    }

    /// <summary>What a perfect model answers to each question of the invoice or receipt schema, written from a sample's truth.</summary>
    private static Dictionary<string, string> AnswersByQuestion(ExtractionSchema schema, JsonObject truth)
    {
        string Truth(string key) => truth[key]!.ToString();
        string Money(string key) => $"{Truth(key)} {Truth("currency")}";
        var byField = schema.Name switch
        {
            "invoice" => new Dictionary<string, string>
            {
                ["invoiceNumber"] = Truth("invoiceNumber"),
                ["invoiceDate"] = Truth("invoiceDate"),
                ["dueDate"] = Truth("dueDate"),
                ["vendorName"] = Truth("vendor"),
                ["customerName"] = Truth("customer"),
                ["subtotal"] = Money("subtotal"),
                ["tax"] = Money("tax"),
                ["total"] = Money("total"),
            },
            "receipt" => new Dictionary<string, string>
            {
                ["merchantName"] = Truth("merchant"),
                ["receiptNumber"] = Truth("receiptNumber"),
                ["date"] = Truth("date"),
                ["total"] = Money("total"),
                ["tax"] = Money("tax"),
                ["paymentMethod"] = Truth("paymentMethod"),
            },
            _ => throw new ArgumentException($"No truth mapping for schema '{schema.Name}'.", nameof(schema)),
        };
        return schema.Fields.Where(f => byField.ContainsKey(f.Name)).ToDictionary(f => f.Question, f => byField[f.Name], StringComparer.Ordinal);
    }

    private static string Fingerprint(RgbImage image) =>
        $"{image.Width}x{image.Height}:{Convert.ToHexString(SHA256.HashData(image.Pixels.Span))}";

    private sealed class Encoded(PageTruth truth) : IEncodedImage
    {
        public PageTruth Truth { get; } = truth;

        public int ImageTokenCount => 4;

        public TimeSpan EncodeTime => TimeSpan.Zero;

        public void Dispose()
        {
        }
    }
}
