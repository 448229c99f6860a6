using System.Text.Json;
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

/// <summary>The whole pipeline on the tiny synthetic model and the sample PDFs (PDFium from scripts/setup-pdfium.sh).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EndToEndTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "docpipe-e2e-" + Guid.NewGuid().ToString("N"));

    private (InProcessDocumentPipeline Pipeline, FileResultStore Store, FilePageImageStore Images) CreatePipeline(IDocumentVisionModel? model = null)
    {
        var store = new FileResultStore(_data);
        var images = new FilePageImageStore(Path.Combine(_data, "pages"));
        var activities = new DocumentActivities(
            new LocalFileDocumentSource(),
            new DocumentRasterizer(fixture.Rasterization),
            model ?? fixture.Engine,
            store,
            images,
            new DocumentActivitiesOptions { Rasterization = fixture.Rasterization });
        return (new InProcessDocumentPipeline(activities), store, images);
    }

    private async Task<RgbImage> RenderAsync(string sample, int page)
    {
        await using var stream = File.OpenRead(sample);
        using var document = await new DocumentRasterizer(fixture.Rasterization).OpenAsync(stream, sample, fixture.Rasterization);
        return (await document.RenderPageAsync(page - 1)).Image;
    }

    private async Task<int> PageCountAsync(string sample)
    {
        await using var stream = File.OpenRead(sample);
        using var document = await new DocumentRasterizer(fixture.Rasterization).OpenAsync(stream, sample, fixture.Rasterization);
        return document.PageCount;
    }

    [Theory]
    [InlineData("invoice", "invoice-simple.pdf")]
    [InlineData("receipt", "receipt.pdf")]
    [InlineData("form", "form-filled.pdf")]
    [InlineData("describe-pages", "invoice-multipage.pdf")]
    public async Task Each_schema_on_its_sample_yields_a_complete_result(string schemaName, string sampleName)
    {
        var schema = EmbeddedSchemas.Get(schemaName);
        var sample = TinyModelFixture.Sample(sampleName);
        var pageCount = await PageCountAsync(sample);
        var (pipeline, store, images) = CreatePipeline();
        using var _ = pipeline;

        var result = await pipeline.RunAsync(new DocumentWorkflowInput { SourceName = sample, Schema = schema });

        result.Status.Should().Be(DocumentStatus.Completed);
        result.PageCount.Should().Be(pageCount);
        var document = (await store.GetDocumentAsync(result.DocumentId))!;
        document.PagesDone.Should().Be(pageCount);
        document.Model!.Name.Should().Be(fixture.Engine.Descriptor.Name);
        document.TimingsMs["total"].Should().BePositive();
        document.TimingsMs["extract"].Should().BePositive();
        document.TimingsMs.Should().ContainKey("rasterize");
        document.Fields.Keys.Should().Equal(schema.Fields.Select(f => f.Name));
        document.Rules.Select(r => r.Rule).Should().Equal(schema.Rules.Select(r => r.Rule), "every schema rule's outcome is stored with the document");
        document.Rules.Select(r => r.Status).Should().BeSubsetOf(["passed", "failed", "not_evaluated"]);
        foreach (var (name, field) in document.Fields)
        {
            field.Confidence.Should().BeInRange(0, 1, name);
            if (field.Found)
            {
                field.Raw.Should().NotBeNull(name);
                field.Page.Should().BeInRange(1, pageCount, name);
                (field.Value is not null || field.Issue is not null).Should().BeTrue($"{name} has a value or says why not");
            }
            else
            {
                field.Value.Should().BeNull(name);
                field.Page.Should().BeNull(name);
            }
        }

        var pages = await store.GetPagesAsync(result.DocumentId);
        pages.Select(p => p.Page).Should().Equal(Enumerable.Range(1, pageCount));
        foreach (var page in pages)
        {
            page.Answers.Keys.Should().BeEquivalentTo(schema.Fields.Select(f => f.Name));
            page.Answers.Where(a => !ConstrainedAnswer.Applies(schema.Fields.Single(f => f.Name == a.Key)))
                .Should().OnlyContain(a => a.Value.TokenCount > 0, "free-text answers were generated");
            page.TimingsMs["total"].Should().BePositive();
            await using var png = await images.OpenPageImageAsync(page.ImageName!);
            using var buffer = new MemoryStream();
            await png.CopyToAsync(buffer);
            var stored = ImageDecoder.Decode(buffer.ToArray());
            Math.Max(stored.Width, stored.Height).Should().Be(fixture.Engine.Descriptor.ImageSize);
        }

        // The pipeline's stored answer equals asking the engine directly about the same rendered page.
        var first = schema.Fields.First(f => !ConstrainedAnswer.Applies(f));
        using var encoded = await fixture.Engine.EncodeImageAsync(await RenderAsync(sample, pageCount));
        var direct = await fixture.Engine.AskAsync(encoded, FieldPrompt.Build(first), FieldPrompt.Options(first));
        pages[^1].Answers[first.Name].Raw.Should().Be(direct.Text.Trim());
        pages[^1].Answers[first.Name].Confidence.Should().Be(AnswerConfidence.FromLogprobs(direct.TokenLogprobs, direct.FinishReason));

        // Enum and boolean fields were answered by scoring their allowed values: the stored answer is the most
        // likely candidate the engine scores for that page, with its probability normalised over the candidates.
        foreach (var field in schema.Fields.Where(ConstrainedAnswer.Applies))
        {
            var candidates = ConstrainedAnswer.Candidates(field);
            var scores = await fixture.Engine.ScoreCandidatesAsync(encoded, FieldPrompt.Build(field), candidates);
            var best = scores.Select((score, i) => (score, i)).MaxBy(p => p.score).i;
            var stored = pages[^1].Answers[field.Name];
            stored.Raw.Should().Be(candidates[best], field.Name);
            stored.Confidence.Should().BeApproximately(Math.Exp(scores[best]) / scores.Sum(Math.Exp), 1e-9, field.Name);
            if (stored.Found)
            {
                (field.Type == FieldType.Boolean ? stored.Value!.GetValue<bool>().ToString() : stored.Value!.GetValue<string>())
                    .Should().BeOneOf(field.Type == FieldType.Boolean ? ["True", "False"] : field.Values!, "an answer never falls outside the allowed set");
            }
        }
    }

    [Fact]
    public async Task A_page_the_model_cannot_handle_is_retried_then_recorded_while_the_others_complete()
    {
        var sample = TinyModelFixture.Sample("invoice-multipage.pdf");
        var model = new FailingPageModel(fixture.Engine, await RenderAsync(sample, 2));
        var (pipeline, store, _) = CreatePipeline(model);
        using var _ = pipeline;
        var retries = WorkflowRetryPolicies.Fast;

        var result = await pipeline.RunAsync(new DocumentWorkflowInput { SourceName = sample, Schema = EmbeddedSchemas.Get("describe-pages"), Retries = retries });

        model.PoisonedAttempts.Should().Be(retries.ExtractPage.MaxNumberOfAttempts);
        result.Status.Should().Be(DocumentStatus.Completed);
        result.FailedPages.Should().ContainSingle().Which.Page.Should().Be(2);
        result.FailedPages[0].Message.Should().Contain("simulated out-of-memory");
        var pages = await store.GetPagesAsync(result.DocumentId);
        pages.Single(p => p.Page == 1).Status.Should().Be(PageStatuses.Done);
        pages.Single(p => p.Page == 2).Status.Should().Be(PageStatuses.Failed);
        var document = (await store.GetDocumentAsync(result.DocumentId))!;
        document.PagesFailed.Should().Be(1);
        document.Fields.Values.Where(f => f.Found).Should().OnlyContain(f => f.Page == 1);
    }

    [Fact]
    public async Task Cancelling_mid_document_leaves_only_whole_files()
    {
        var sample = TinyModelFixture.Sample("invoice-multipage.pdf");
        var (pipeline, _, _) = CreatePipeline();
        using var _ = pipeline;
        using var cancel = new CancellationTokenSource();
        var progress = new CallbackProgress(e =>
        {
            if (e.Kind == WorkflowEventKind.ActivityStarted && e.ActivityName == ActivityNames.ExtractPage)
            {
                cancel.Cancel();
            }
        });

        var act = () => pipeline.RunAsync(new DocumentWorkflowInput { SourceName = sample, Schema = EmbeddedSchemas.Get("invoice") }, progress, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        var files = Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).ToArray();
        files.Should().NotContain(f => f.EndsWith(".tmp"));
        foreach (var json in files.Where(f => f.EndsWith(".json")))
        {
            var parse = () => JsonDocument.Parse(File.ReadAllText(json)).Dispose();
            parse.Should().NotThrow(json);
        }

        foreach (var png in files.Where(f => f.EndsWith(".png")))
        {
            var decode = () => ImageDecoder.Decode(File.ReadAllBytes(png));
            decode.Should().NotThrow(png);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private sealed class CallbackProgress(Action<WorkflowEvent> callback) : IProgress<WorkflowEvent>
    {
        public void Report(WorkflowEvent value) => callback(value);
    }
}
