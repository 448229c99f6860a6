using System.Diagnostics;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Telemetry;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;
using FastVlm.DocPipeline.Workflow;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FastVlm.DocPipeline.Tests.Telemetry;

/// <summary>
/// The in-process pipeline on the tiny synthetic model and a real two-page PDF, read back through OpenTelemetry's
/// in-memory exporters: the span tree document → range → page → field, the model timings on the spans, and the
/// counters and histograms, with one page whose encoder always fails.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PipelineTelemetryTests(TinyModelFixture fixture) : IDisposable
{
    private readonly ScratchDirectory _data = new("docpipe-telemetry");

    [Fact]
    public async Task A_run_is_traced_document_range_page_field_and_counted()
    {
        var sample = TinyModelFixture.Sample("invoice-multipage.pdf");
        var schema = EmbeddedSchemas.Get("invoice");
        var model = new FailingPageModel(fixture.Engine, await RenderAsync(sample, 2));
        var (pipeline, store) = TinyPipeline.Create(fixture, _data.Path, model);
        using var _ = pipeline;
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var retries = WorkflowRetryPolicies.Fast;

        DocumentWorkflowResult result;
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(DocPipelineTelemetry.Name).AddInMemoryExporter(spans).Build())
        using (var meter = Sdk.CreateMeterProviderBuilder().AddMeter(DocPipelineTelemetry.Name).AddInMemoryExporter(metrics).Build())
        {
            result = await pipeline.RunAsync(new DocumentWorkflowInput { SourceName = sample, Schema = schema, Retries = retries, RasterizeChunkSize = 1 });
            tracer.ForceFlush();
            meter.ForceFlush();
        }

        result.PageCount.Should().Be(2);
        result.FailedPages.Should().ContainSingle().Which.Page.Should().Be(2);
        var attempts = model.PoisonedAttempts;
        attempts.Should().Be(retries.ExtractPage.MaxNumberOfAttempts);

        var document = spans.Should().ContainSingle(s => s.OperationName == DocPipelineTelemetry.DocumentSpan).Subject;
        var run = spans.Where(s => s.TraceId == document.TraceId).ToArray();
        document.Parent.Should().BeNull();
        Tag(document, TelemetryAttributes.DocumentId).Should().Be(result.DocumentId);
        Tag(document, TelemetryAttributes.RunId).Should().Be(result.RunId);
        Tag(document, TelemetryAttributes.Status).Should().Be("completed");
        Tag(document, TelemetryAttributes.PagesFailed).Should().Be(1);

        var ranges = run.Where(s => s.OperationName == DocPipelineTelemetry.RangeSpan).ToArray();
        ranges.Select(r => Tag(r, TelemetryAttributes.RangeFirstPage)).Should().BeEquivalentTo(new object[] { 1, 2 });
        ranges.Should().OnlyContain(r => r.ParentSpanId == document.SpanId && (int)Tag(r, TelemetryAttributes.RangePages)! == 1);

        var pages = run.Where(s => s.OperationName == DocPipelineTelemetry.PageSpan).ToArray();
        pages.Should().HaveCount(1 + attempts);
        foreach (var page in pages)
        {
            var range = ranges.Single(r => r.SpanId == page.ParentSpanId);
            Tag(page, TelemetryAttributes.Page).Should().Be(Tag(range, TelemetryAttributes.RangeFirstPage));
        }

        var donePage = pages.Single(p => (int)Tag(p, TelemetryAttributes.Page)! == 1);
        donePage.Status.Should().Be(ActivityStatusCode.Ok);
        ((double)Tag(donePage, TelemetryAttributes.EncodeMs)!).Should().BePositive();
        Tag(donePage, TelemetryAttributes.ImageTokens).Should().NotBeNull();
        pages.Where(p => (int)Tag(p, TelemetryAttributes.Page)! == 2).Should().HaveCount(attempts)
            .And.OnlyContain(p => p.Status == ActivityStatusCode.Error);

        var fields = run.Where(s => s.OperationName == DocPipelineTelemetry.FieldSpan).ToArray();
        fields.Should().OnlyContain(f => f.ParentSpanId == donePage.SpanId);
        fields.Select(f => Tag(f, TelemetryAttributes.Field)).Should().Equal(schema.Fields.Select(f => (object)f.Name));
        var stored = (await store.GetPagesAsync(result.DocumentId)).Single(p => p.Page == 1);
        foreach (var field in fields)
        {
            var answer = stored.Answers[(string)Tag(field, TelemetryAttributes.Field)!];
            Tag(field, TelemetryAttributes.OutputTokens).Should().Be(answer.TokenCount);
            ((int)Tag(field, TelemetryAttributes.InputTokens)!).Should().BePositive();
            ((double)Tag(field, TelemetryAttributes.PrefillMs)!).Should().BePositive();
            ((double)Tag(field, TelemetryAttributes.TimeToFirstTokenMs)!).Should().BeGreaterThanOrEqualTo((double)Tag(field, TelemetryAttributes.PrefillMs)!);
            Tag(field, TelemetryAttributes.DecodeMs).Should().NotBeNull();
        }

        Sum(metrics, DocPipelineMetrics.DocumentsName, (TelemetryAttributes.Status, "completed")).Should().Be(1);
        Sum(metrics, DocPipelineMetrics.PagesName, (TelemetryAttributes.Outcome, "done")).Should().Be(1);
        Sum(metrics, DocPipelineMetrics.PagesName, (TelemetryAttributes.Outcome, "failed")).Should().Be(1);
        Sum(metrics, DocPipelineMetrics.FieldsName).Should().Be(schema.Fields.Count);
        Sum(metrics, DocPipelineMetrics.FailuresName, (TelemetryAttributes.Stage, DocPipelineMetrics.PageAttemptStage)).Should().Be(attempts);
        Sum(metrics, DocPipelineMetrics.FailuresName, (TelemetryAttributes.Stage, DocPipelineMetrics.PageStage), (TelemetryAttributes.ErrorType, result.FailedPages[0].Code))
            .Should().Be(1);
        Count(metrics, DocPipelineMetrics.TimeToFirstTokenName).Should().Be(schema.Fields.Count);
        Count(metrics, DocPipelineMetrics.EncodeDurationName).Should().Be(1);
        Count(metrics, DocPipelineMetrics.PageDurationName).Should().Be(1);
        Count(metrics, DocPipelineMetrics.DocumentDurationName).Should().Be(1);
        var decoding = fields.Count(f => (int)Tag(f, TelemetryAttributes.DecodedTokens)! > 0 && (double)Tag(f, TelemetryAttributes.DecodeMs)! > 0);
        Count(metrics, DocPipelineMetrics.TokensPerSecondName).Should().Be(decoding);
    }

    public void Dispose() => _data.Dispose();

    private static object? Tag(Activity span, string name) => span.GetTagItem(name);

    private static IEnumerable<MetricPoint> Points(List<MetricSnapshot> metrics, string name, (string Key, object Value)[] tags)
    {
        var snapshot = metrics.Last(m => m.Name == name);
        foreach (var point in snapshot.MetricPoints)
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(t => pointTags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
            {
                yield return point;
            }
        }
    }

    private static long Sum(List<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetSumLong());

    private static long Count(List<MetricSnapshot> metrics, string name) =>
        Points(metrics, name, []).Sum(p => p.GetHistogramCount());

    private async Task<FastVlm.DocPipeline.Imaging.RgbImage> RenderAsync(string sample, int page)
    {
        await using var stream = File.OpenRead(sample);
        using var document = await new DocumentRasterizer(fixture.Rasterization).OpenAsync(stream, sample, fixture.Rasterization);
        return (await document.RenderPageAsync(page - 1)).Image;
    }
}
