using System.Globalization;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Tests.Workflow.Classification;

/// <summary>The bundled sample, its truth, the candidate schemas and a store, shared by the in-process and Durable classification tests.</summary>
internal sealed class ClassificationScenario : IDisposable
{
    public const string Bundle = "bundle-invoice-receipt-invoice";

    private readonly ScratchDirectory _scratch = new("docpipe-classify");

    public ClassificationScenario()
    {
        Directory.CreateDirectory(_scratch.Path);
        BundlePdf = Copy(Bundle + ".pdf");
        BundleTruth = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, Bundle + ".truth.json")))!.AsObject();
        Store = new FileResultStore(Path.Combine(_scratch.Path, "data"));
    }

    public static ExtractionSchema Invoice { get; } = EmbeddedSchemas.Get("invoice");

    public static ExtractionSchema Receipt { get; } = EmbeddedSchemas.Get("receipt");

    public static IReadOnlyList<ExtractionSchema> Candidates { get; } = [Invoice, Receipt];

    public string BundlePdf { get; }

    public JsonObject BundleTruth { get; }

    public FileResultStore Store { get; }

    public IReadOnlyList<JsonObject> TruthDocuments => BundleTruth["documents"]!.AsArray().Select(d => d!.AsObject()).ToArray();

    /// <summary>Copies a sample into the scratch folder (the run reads it from there).</summary>
    public string Copy(string sample)
    {
        var path = Path.Combine(_scratch.Path, sample);
        File.Copy(Path.Combine(RepoPaths.Samples, sample), path, overwrite: true);
        return path;
    }

    /// <summary>The activities over the real rasteriser, the model and the scenario's store; the source defaults to local files.</summary>
    public DocumentActivities Activities(TruthAnsweringModel model, IDocumentSource? source = null) => new(
        source ?? new LocalFileDocumentSource(),
        new DocumentRasterizer(model.Rasterization),
        model,
        Store,
        new FilePageImageStore(Path.Combine(_scratch.Path, "pages")),
        new DocumentActivitiesOptions { Rasterization = model.Rasterization });

    public async Task<TruthAnsweringModel> BundleModelAsync(bool canScore = true)
    {
        var model = new TruthAnsweringModel(canScore);
        await model.LearnBundleAsync(BundlePdf, BundleTruth, Candidates);
        return model;
    }

    /// <summary>The stored parts of the bundle agree with its truth: ranges, schemas, the classification and the fields.</summary>
    public async Task ShouldMatchTruthAsync(string sourceId, string? sourceName = null)
    {
        var source = (await Store.GetDocumentAsync(sourceId))!;
        source.Status.Should().Be(DocumentStatus.Completed);
        source.Schema.Name.Should().Be("auto");
        source.PageCount.Should().Be(BundleTruth["pageCount"]!.GetValue<int>());
        source.PagesDone.Should().Be(source.PageCount);
        source.Parts.Select(p => (p.FirstPage, p.LastPage, p.Schema.Name)).Should().Equal(
            TruthDocuments.Select(d => (d["firstPage"]!.GetValue<int>(), d["lastPage"]!.GetValue<int>(), d["schema"]!.GetValue<string>())));
        source.Parts.Select(p => p.DocumentId).Should().OnlyHaveUniqueItems().And.NotContain(sourceId);

        foreach (var (part, truth) in source.Parts.Zip(TruthDocuments))
        {
            var record = (await Store.GetDocumentAsync(part.DocumentId))!;
            record.Status.Should().Be(DocumentStatus.Completed);
            record.Schema.Name.Should().Be(truth["schema"]!.GetValue<string>());
            record.SplitFrom.Should().Be(new DocumentSplit(sourceId, part.FirstPage, part.LastPage));
            record.PageCount.Should().Be(part.LastPage - part.FirstPage + 1);
            record.Source.Name.Should().Be(sourceName ?? BundlePdf);
            record.Classification!.Schema.Should().Be(record.Schema.Name);
            record.Classification.Page.Should().Be(part.FirstPage);
            record.Classification.NeedsReview.Should().BeFalse();
            var fields = truth["truth"]!.AsObject();
            var (numberField, numberKey) = record.Schema.Name == "invoice" ? ("invoiceNumber", "invoiceNumber") : ("merchantName", "merchant");
            record.Fields[numberField].Value!.GetValue<string>().Should().Be(fields[numberKey]!.GetValue<string>());
            decimal.Parse(record.Fields["total"].Value!.ToString(), CultureInfo.InvariantCulture)
                .Should().Be(decimal.Parse(fields["total"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        }
    }

    public void Dispose() => _scratch.Dispose();
}
