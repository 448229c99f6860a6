using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.Extraction.Evaluation;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Extraction.Grounding;

/// <summary>
/// The real workflow (PDFium, activities, merge, file stores) with a model answering from the truth file: stored fields
/// carry their location, text layers lie beside the PNGs, a hallucinated answer is flagged and a scan says unavailable.
/// </summary>
public sealed class GroundingWorkflowTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-ground-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<(DocumentRecord Document, FilePageImageStore Images)> RunAsync(string sample, Dictionary<string, string> answers)
    {
        var schema = await SchemaLoader.ResolveAsync(Path.Combine(RepoPaths.Samples, "schemas", "invoice.json"));
        var byQuestion = schema.Fields.ToDictionary(f => f.Question, f => answers.GetValueOrDefault(f.Name, "N/A"));
        var store = new FileResultStore(Path.Combine(_root, sample));
        var images = new FilePageImageStore(Path.Combine(_root, sample, "pages"));
        var activities = new DocumentActivities(
            new LocalFileDocumentSource(), new DocumentRasterizer(), new QuestionScriptedModel(byQuestion), store, images, new DocumentActivitiesOptions());
        using var pipeline = new InProcessDocumentPipeline(activities);
        var result = await pipeline.RunAsync(new DocumentWorkflowInput { SourceName = Path.Combine(RepoPaths.Samples, sample + ".pdf"), Schema = schema });
        return ((await store.GetDocumentAsync(result.DocumentId))!, images);
    }

    private static JsonObject Truth(string sample) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, sample + ".truth.json")))!.AsObject();

    [Fact]
    public async Task Stored_fields_of_a_born_digital_invoice_carry_their_boxes_and_a_made_up_answer_is_flagged()
    {
        var truth = Truth("invoice-simple");
        var (document, images) = await RunAsync("invoice-simple", new Dictionary<string, string>
        {
            ["invoiceNumber"] = truth["invoiceNumber"]!.GetValue<string>(),
            ["invoiceDate"] = truth["invoiceDate"]!.GetValue<string>(),
            ["vendorName"] = truth["vendor"]!.GetValue<string>(),
            ["total"] = truth["total"]!.GetValue<string>() + " EUR",
            ["customerName"] = "Globex Corporation",
            ["lineItems"] = string.Join("\n", truth["lineItems"]!.AsArray().Select(i => i!["description"]!.GetValue<string>())),
        });

        (await images.GetPageTextAsync(document.DocumentId, 1)).Should().NotBeNull("the text layer is stored beside page-0001.png");
        File.Exists(images.PathOf($"{document.DocumentId}/page-0001.text.json")).Should().BeTrue();

        foreach (var name in new[] { "invoiceNumber", "invoiceDate", "vendorName", "total" })
        {
            var field = document.Fields[name];
            field.Grounding.Should().Be(GroundingStatus.Grounded, name);
            field.Location!.Page.Should().Be(1);
            field.Location.Boxes.Should().NotBeEmpty();
            field.Location.Boxes.Should().OnlyContain(b => b.Right > b.Left && b.Bottom > b.Top && b.Right <= 724 && b.Bottom <= 1024, name);
        }

        document.Fields["invoiceDate"].Location!.Match.Should().Be(GroundingMatch.Normalized, "the page prints March 14, 2024");
        var invented = document.Fields["customerName"];
        invented.Grounding.Should().Be(GroundingStatus.NotOnPage);
        invented.Issue.Should().Be(AnswerIssues.NotOnPage);
        invented.NeedsReview.Should().BeTrue();
        document.NeedsReview.Should().BeTrue();
        var items = document.Fields["lineItems"];
        items.ItemLocations.Should().HaveCount(truth["lineItems"]!.AsArray().Count).And.OnlyContain(l => l != null);
        items.ItemLocations!.Select(l => l!.Boxes[0].Top).Should().BeInAscendingOrder("the items are rows of the table");
    }

    [Fact]
    public async Task A_scanned_invoice_has_no_text_layer_stored_and_its_fields_say_unavailable()
    {
        var truth = Truth("scanned-invoice");
        var (document, images) = await RunAsync("scanned-invoice", new Dictionary<string, string>
        {
            ["invoiceNumber"] = truth["invoiceNumber"]!.GetValue<string>(),
            ["vendorName"] = truth["vendor"]!.GetValue<string>(),
        });

        (await images.GetPageTextAsync(document.DocumentId, 1)).Should().BeNull();
        foreach (var name in new[] { "invoiceNumber", "vendorName" })
        {
            document.Fields[name].Grounding.Should().Be(GroundingStatus.Unavailable, name);
            document.Fields[name].Location.Should().BeNull();
            document.Fields[name].Issue.Should().BeNull();
        }
    }
}
