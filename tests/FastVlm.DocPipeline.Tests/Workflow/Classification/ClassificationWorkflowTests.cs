using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Classification;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Workflow.Classification;

/// <summary>
/// <c>--schema auto</c> and <c>--split</c> through the in-process workflow on the real samples (PDFium, activities,
/// file store) with the model that answers from the samples' truth files.
/// </summary>
public sealed class ClassificationWorkflowTests : IDisposable
{
    private readonly ClassificationScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static DocumentWorkflowInput Auto(string file, bool split = false, double threshold = PageClassifier.DefaultThreshold) => new()
    {
        SourceName = file,
        Classification = new ClassificationRequest { Candidates = ClassificationScenario.Candidates, Split = split, Threshold = threshold },
        Retries = WorkflowRetryPolicies.Fast,
    };

    private async Task<DocumentWorkflowResult> RunAsync(TruthAnsweringModel model, DocumentWorkflowInput input)
    {
        using var pipeline = new InProcessDocumentPipeline(_scenario.Activities(model));
        return await pipeline.RunAsync(input);
    }

    [Theory]
    [InlineData("invoice-simple", "invoice", "invoiceNumber", "invoiceNumber")]
    [InlineData("receipt", "receipt", "merchantName", "merchant")]
    public async Task Auto_extracts_each_sample_with_the_schema_its_first_page_shows_and_stores_the_class(string sample, string schemaName, string field, string truthKey)
    {
        var file = _scenario.Copy(sample + ".pdf");
        var truth = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, sample + ".truth.json")))!.AsObject();
        var schema = ClassificationScenario.Candidates.Single(s => s.Name == schemaName);
        var model = new TruthAnsweringModel();
        await model.LearnAsync(file, 1, 1, schema, truth);

        var result = await RunAsync(model, Auto(file));

        var explicitId = DocumentIdentity.Compute(SourceHash(file), schema.Name, schema.Version, SchemaHasher.Compute(schema));
        result.DocumentId.Should().Be(explicitId, "auto makes the same document an explicit run with the winning schema makes");
        result.Status.Should().Be(DocumentStatus.Completed);
        var record = (await _scenario.Store.GetDocumentAsync(result.DocumentId))!;
        record.Schema.Should().Be(schema.ToRef());
        record.Fields[field].Value!.GetValue<string>().Should().Be(truth[truthKey]!.GetValue<string>());
        var classification = record.Classification!;
        classification.Schema.Should().Be(schemaName);
        classification.Label.Should().Be(schemaName);
        classification.NeedsReview.Should().BeFalse();
        classification.Issue.Should().BeNull();
        classification.Candidates.Select(c => c.Label).Should().BeEquivalentTo(["invoice", "bill", "receipt"]);
        classification.Candidates.Sum(c => c.Confidence).Should().BeApproximately(1.0, 1e-3);
        // The model gives 0.95 to the true label and 0.025 to each other: the invoice schema also owns "bill".
        classification.Confidence.Should().BeApproximately(schemaName == "invoice" ? 0.975 : 0.95, 1e-4);
        record.NeedsReview.Should().Be(record.Fields.Values.Any(f => f.NeedsReview), "a confident class adds nothing to review");
    }

    [Fact]
    public async Task A_class_below_the_threshold_is_kept_but_marks_the_document_for_review_with_the_reason()
    {
        var file = _scenario.Copy("receipt.pdf");
        var truth = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "receipt.truth.json")))!.AsObject();
        var model = new TruthAnsweringModel { ClassificationProbability = 0.7 };
        await model.LearnAsync(file, 1, 1, ClassificationScenario.Receipt, truth);

        var result = await RunAsync(model, Auto(file, threshold: 0.8));

        result.NeedsReview.Should().BeTrue();
        var record = (await _scenario.Store.GetDocumentAsync(result.DocumentId))!;
        record.NeedsReview.Should().BeTrue();
        record.Schema.Name.Should().Be("receipt");
        record.Classification!.Confidence.Should().BeApproximately(0.7, 1e-4);
        record.Classification.NeedsReview.Should().BeTrue();
        record.Classification.Issue.Should().StartWith(ClassificationErrorCodes.LowConfidence).And.Contain("0.70").And.Contain("0.80");
    }

    [Fact]
    public async Task Split_cuts_the_bundled_sample_into_its_truth_documents_each_extracted_with_its_schema()
    {
        var model = await _scenario.BundleModelAsync();

        var result = await RunAsync(model, Auto(_scenario.BundlePdf, split: true));

        result.Status.Should().Be(DocumentStatus.Completed);
        result.Parts.Select(p => p.PageCount).Should().Equal(1, 1, 2);
        await _scenario.ShouldMatchTruthAsync(result.DocumentId);
        var pages = await _scenario.Store.GetPagesAsync(result.Parts[2].DocumentId);
        pages.Select(p => p.Page).Order().Should().Equal([1, 2], "a part's pages are numbered from 1; SplitFrom maps them to source pages 3 and 4");
    }

    [Fact]
    public async Task Split_ids_are_deterministic_and_a_second_run_skips_the_pages_every_part_has_done()
    {
        var model = await _scenario.BundleModelAsync();
        var first = await RunAsync(model, Auto(_scenario.BundlePdf, split: true));

        var second = await RunAsync(model, Auto(_scenario.BundlePdf, split: true));

        second.DocumentId.Should().Be(first.DocumentId);
        second.Parts.Select(p => p.DocumentId).Should().Equal(first.Parts.Select(p => p.DocumentId));
        second.Parts.Select(p => p.PagesSkipped).Should().Equal(1, 1, 2);
        second.Parts.Select(p => p.PagesExtracted).Should().Equal(0, 0, 0);
    }

    [Fact]
    public async Task A_model_that_cannot_score_answers_fails_the_file_with_a_code_that_says_to_pass_a_schema()
    {
        var file = _scenario.Copy("receipt.pdf");
        var model = new TruthAnsweringModel(canScore: false);
        await model.LearnAsync(file, 1, 1, ClassificationScenario.Receipt, JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "receipt.truth.json")))!.AsObject());

        var result = await RunAsync(model, Auto(file));

        result.Status.Should().Be(DocumentStatus.Failed);
        result.Error!.Code.Should().Be(ClassificationErrorCodes.ModelCannotScore);
        result.Error.Message.Should().Contain("pass a schema");
        var record = (await _scenario.Store.GetDocumentAsync(result.DocumentId))!;
        record.Status.Should().Be(DocumentStatus.Failed);
        record.Error!.Code.Should().Be(ClassificationErrorCodes.ModelCannotScore);
        record.Schema.Name.Should().Be("auto");
    }

    private static string SourceHash(string file) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
}
