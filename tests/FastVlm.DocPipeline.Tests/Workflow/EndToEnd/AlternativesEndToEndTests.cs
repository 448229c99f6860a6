using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

/// <summary>Alternatives for doubtful fields through the whole pipeline on the tiny synthetic model and a sample PDF with a text layer.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AlternativesEndToEndTests(TinyModelFixture fixture) : IDisposable
{
    private const string Sample = "invoice-simple.pdf";

    private static readonly ExtractionSchema Schema = new()
    {
        Name = "alternatives",
        Version = "1",
        ReviewThreshold = 0.99,
        Fields =
        [
            new SchemaField { Name = "number", Question = "What is the invoice number?" },
            new SchemaField { Name = "vendor", Question = "Who is the vendor?" },
            new SchemaField { Name = "method", Question = "How was it paid?", Type = FieldType.Enum, Values = ["cash", "card", "transfer"] },
        ],
    };

    private readonly string _data = Path.Combine(Path.GetTempPath(), "docpipe-alts-" + Guid.NewGuid().ToString("N"));

    private (InProcessDocumentPipeline Pipeline, FileResultStore Store) CreatePipeline(string name, int tokensPerPage, IDocumentVisionModel? model = null)
    {
        var data = Path.Combine(_data, name);
        var store = new FileResultStore(data);
        var activities = new DocumentActivities(
            new LocalFileDocumentSource(),
            new DocumentRasterizer(fixture.Rasterization),
            model ?? fixture.Engine,
            store,
            new FilePageImageStore(Path.Combine(data, "pages")),
            new DocumentActivitiesOptions { Rasterization = fixture.Rasterization, MaxAlternativeTokensPerPage = tokensPerPage });
        return (new InProcessDocumentPipeline(activities), store);
    }

    [Fact]
    public async Task Doubtful_fields_store_the_engines_alternatives_with_confidence_and_grounding_on_their_page()
    {
        var (pipeline, store) = CreatePipeline("unbounded", tokensPerPage: 100_000);
        using var _ = pipeline;

        var result = await pipeline.RunAsync(new DocumentWorkflowInput { SourceName = TinyModelFixture.Sample(Sample), Schema = Schema });

        result.Status.Should().Be(DocumentStatus.Completed);
        var pages = await store.GetPagesAsync(result.DocumentId);
        var page = pages[0];
        using var encoded = await fixture.Engine.EncodeImageAsync(await RenderAsync(page.Page));
        foreach (var field in Schema.Fields.Where(f => !ConstrainedAnswer.Applies(f)))
        {
            // The stored alternatives are, in order, among the engine's own proposals for the same page and question.
            var direct = await fixture.Engine.AskAsync(encoded, FieldPrompt.Build(field), FieldPrompt.Options(field));
            var proposed = await fixture.Engine.ProposeAlternativesAsync(
                encoded, FieldPrompt.Build(field), direct, new AlternativeOptions { MaxNewTokens = FieldPrompt.Options(field).MaxNewTokens, MaxDecodeTokens = 100_000 });
            var texts = proposed.Answers.Select(a => a.Text.Trim()).ToList();
            var stored = page.Answers[field.Name];
            stored.Confidence.Should().BeLessThan(Schema.ReviewThreshold, field.Name);
            stored.Alternatives.Should().NotBeNullOrEmpty(field.Name);
            stored.Alternatives!.Count.Should().BeLessThanOrEqualTo(AlternativeOptions.MaxAlternativesLimit);
            stored.Alternatives.Select(a => a.Raw).Should().NotContain(stored.Raw, "an alternative equal to the answer is no alternative");
            stored.Alternatives.Select(a => texts.IndexOf(a.Raw)).Should().OnlyContain(i => i >= 0).And.BeInAscendingOrder();
            foreach (var alternative in stored.Alternatives)
            {
                var generation = proposed.Answers[texts.IndexOf(alternative.Raw)];
                alternative.Confidence.Should().Be(AnswerConfidence.FromLogprobs(generation.TokenLogprobs, generation.FinishReason), field.Name);
            }

            var merged = (await store.GetDocumentAsync(result.DocumentId))!.Fields[field.Name];
            merged.Alternatives!.Select(a => a.Raw).Should().Equal(stored.Alternatives.Select(a => a.Raw));
            merged.Alternatives.Should().OnlyContain(a => a.Grounding == GroundingStatus.Grounded || a.Grounding == GroundingStatus.NotOnPage, "the sample's page has a text layer");
        }

        // A scored field's alternatives are its runner-up values, when it is doubtful.
        var method = page.Answers["method"];
        if (method.Found && method.Confidence < Schema.ReviewThreshold)
        {
            method.Alternatives!.Select(a => a.Raw).Should().BeSubsetOf(Schema.Fields[2].Values!).And.NotContain(method.Raw);
            method.Alternatives.Should().OnlyContain(a => a.Confidence <= method.Confidence);
        }
        else
        {
            method.Alternatives.Should().BeNull($"the answer {method.Raw} ({method.Confidence}) is not doubtful");
        }

        page.TimingsMs["alternatives"].Should().BePositive();
        page.TimingsMs["alternativeTokens"].Should().BePositive();
        var document = (await store.GetDocumentAsync(result.DocumentId))!;
        document.TimingsMs["alternativeTokens"].Should().Be(pages.Sum(p => p.TimingsMs["alternativeTokens"]));
        document.TimingsMs.Should().ContainKey("alternatives");
    }

    [Fact]
    public async Task A_page_never_decodes_more_alternative_tokens_than_its_budget()
    {
        const int budget = 12;
        var (pipeline, store) = CreatePipeline("bounded", budget);
        using var _ = pipeline;

        var result = await pipeline.RunAsync(new DocumentWorkflowInput { SourceName = TinyModelFixture.Sample(Sample), Schema = Schema });

        result.Status.Should().Be(DocumentStatus.Completed);
        var pages = await store.GetPagesAsync(result.DocumentId);
        pages.Should().OnlyContain(p => p.TimingsMs["alternativeTokens"] > 0 && p.TimingsMs["alternativeTokens"] <= budget);
        pages.SelectMany(p => p.Answers.Values).Should().OnlyContain(a => a.Alternatives == null || a.Alternatives.Count <= AlternativeOptions.MaxAlternativesLimit);
    }

    [Fact]
    public async Task An_alternative_written_on_the_page_is_grounded_with_its_box_on_that_page()
    {
        const string onPage = "INV-2024-00317";
        var (pipeline, store) = CreatePipeline("scripted", tokensPerPage: 256, new ScriptedAlternativeModel(fixture.Engine, onPage));
        using var _ = pipeline;

        var result = await pipeline.RunAsync(new DocumentWorkflowInput { SourceName = TinyModelFixture.Sample(Sample), Schema = Schema });

        var number = (await store.GetDocumentAsync(result.DocumentId))!.Fields["number"];
        number.Raw.Should().NotBe(onPage, "the tiny model's own answer is noise");
        var alternative = number.Alternatives![0];
        alternative.Raw.Should().Be(onPage);
        alternative.Value!.GetValue<string>().Should().Be(onPage);
        alternative.Confidence.Should().Be(AnswerConfidence.FromLogprobs([-0.7f, -0.01f], FinishReason.Stop));
        alternative.Grounding.Should().Be(GroundingStatus.Grounded);
        alternative.Location!.Page.Should().Be(number.Page);
        alternative.Location.Match.Should().Be(GroundingMatch.Exact);
        alternative.Location.Boxes.Should().ContainSingle();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<RgbImage> RenderAsync(int page)
    {
        var sample = TinyModelFixture.Sample(Sample);
        await using var stream = File.OpenRead(sample);
        using var document = await new DocumentRasterizer(fixture.Rasterization).OpenAsync(stream, sample, fixture.Rasterization);
        return (await document.RenderPageAsync(page - 1)).Image;
    }
}
