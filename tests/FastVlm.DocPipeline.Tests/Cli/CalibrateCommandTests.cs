using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Tests.Workflow.Review;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary><c>docpipe calibrate</c> over documents reviewed through the review service, with outcomes known by construction.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-calibrate-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Reviewed_documents_give_each_field_its_threshold_and_a_schema_copy_that_uses_it()
    {
        // 25 documents: total at 0.9, accepted; 5 documents: total at 0.3, corrected to another amount. vendorName at 0.95, always kept.
        await ReviewAsync(count: 25, totalConfidence: 0.9, correctTotal: null);
        await ReviewAsync(count: 5, totalConfidence: 0.3, correctTotal: "999.00");
        var copy = Path.Combine(_root, "invoice.calibrated.json");

        var run = await Docpipe.RunAsync("calibrate", "--schema", "invoice", "--data", _root, "--target", "0.99", "--min-support", "20", "--write-schema", copy);

        run.Exit.Should().Be(0, run.Err);
        run.Out.Should().Contain("from 30 reviewed documents");
        Line(run.Out, "total").Should().MatchRegex(@"total\s+30\s+83\.3%\s+0\.600\s+0\.900\s+100\.0%\s+83\.3%");
        Line(run.Out, "vendorName").Should().MatchRegex(@"vendorName\s+30\s+100\.0%\s+0\.600\s+0\.950\s+100\.0%\s+100\.0%");
        run.Out.Should().Contain("0.90-1.00").And.Contain("100.0% (25)").And.Contain("0.0% (5)");

        var calibrated = SchemaLoader.Parse(await File.ReadAllTextAsync(copy));
        var original = EmbeddedSchemas.Get("invoice");
        calibrated.Fields.Single(f => f.Name == "total").ReviewThreshold.Should().Be(0.9);
        calibrated.Fields.Single(f => f.Name == "vendorName").ReviewThreshold.Should().Be(0.95);
        calibrated.Fields.Where(f => f.Name is not ("total" or "vendorName")).Should().OnlyContain(f => f.ReviewThreshold == null);
        calibrated.Fields.Select(f => (f.Name, f.Question, f.Type)).Should().Equal(original.Fields.Select(f => (f.Name, f.Question, f.Type)));
        calibrated.Rules.Select(r => r.Rule).Should().Equal(original.Rules.Select(r => r.Rule));
        calibrated.ReviewThresholdOf(calibrated.Fields.Single(f => f.Name == "dueDate")).Should().Be(original.ReviewThreshold);
    }

    [Fact]
    public async Task The_json_report_has_the_reliability_table_and_no_reviews_say_what_to_do()
    {
        var empty = await Docpipe.RunAsync("calibrate", "--schema", "invoice", "--data", _root);
        empty.Exit.Should().Be(0, empty.Err);
        empty.Out.Should().Contain("No reviewed fields yet");

        await ReviewAsync(count: 3, totalConfidence: 0.55, correctTotal: "1.00");
        var json = await Docpipe.RunAsync("calibrate", "--schema", "invoice", "--data", _root, "--json");

        json.Exit.Should().Be(0, json.Err);
        var report = JsonNode.Parse(json.Out)!;
        var total = report["fields"]!.AsArray().Single(f => (string?)f!["field"] == "total")!;
        ((int)total["reviewed"]!).Should().Be(3);
        ((int)total["kept"]!).Should().Be(0);
        total["threshold"].Should().BeNull();
        var bucket = total["reliability"]!.AsArray()[5]!;
        ((int)bucket["count"]!).Should().Be(3);
        ((double)bucket["accuracy"]!).Should().Be(0);
    }

    [Fact]
    public async Task A_target_outside_zero_to_one_is_a_usage_error()
    {
        var run = await Docpipe.RunAsync("calibrate", "--schema", "invoice", "--data", _root, "--target", "1.5");

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("target precision");
        run.HasStackTrace.Should().BeFalse();
    }

    [Fact]
    public async Task Plot_writes_the_reliability_diagram_with_a_point_per_filled_bucket()
    {
        await ReviewAsync(count: 25, totalConfidence: 0.9, correctTotal: null);
        await ReviewAsync(count: 5, totalConfidence: 0.3, correctTotal: "999.00");
        var plot = Path.Combine(_root, "reliability.svg");

        var run = await Docpipe.RunAsync("calibrate", "--schema", "invoice", "--data", _root, "--plot", plot);

        run.Exit.Should().Be(0, run.Err);
        run.Err.Should().Contain($"Wrote {plot}");
        var svg = System.Xml.Linq.XDocument.Load(plot);
        var points = svg.Descendants().Where(e => e.Name.LocalName == "circle" && (string?)e.Attribute("class") == "point")
            .Select(e => ((string?)e.Attribute("data-field"), (string?)e.Attribute("data-count"))).ToArray();
        points.Should().BeEquivalentTo([("total", "5"), ("total", "25"), ("vendorName", "30")]);
    }

    private async Task ReviewAsync(int count, double totalConfidence, string? correctTotal)
    {
        var store = new FileResultStore(_root);
        var review = new DocumentReviewService(store);
        for (var i = 0; i < count; i++)
        {
            var id = $"cal-{totalConfidence}-{i}";
            var document = await ReviewDocuments.StoreAsync(store, Invoice(id, totalConfidence), EmbeddedSchemas.Get("invoice"));
            var etag = DocumentReviewService.ETagOf(document);
            if (correctTotal is not null)
            {
                document = await review.ReviewFieldAsync(id, "total", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonValue.Create(correctTotal), ETag = etag }, "ana");
                etag = DocumentReviewService.ETagOf(document);
            }

            await review.ApproveAsync(id, "ana", etag, acceptFlagged: document.Fields.Values.Count(f => f.NeedsReview && !f.Reviewed));
        }
    }

    private static DocumentRecord Invoice(string id, double totalConfidence) => new()
    {
        Id = id,
        DocumentId = id,
        RunId = "run1",
        FieldsRunId = "run1",
        Source = new SourceInfo(null, $"{id}.pdf", null, "abc", 1),
        Schema = new SchemaRef("invoice", "1"),
        Status = DocumentStatus.Completed,
        Fields = new Dictionary<string, FieldResult>
        {
            ["vendorName"] = new() { Value = JsonValue.Create("Contoso Ltd."), Raw = "Contoso Ltd.", Found = true, Confidence = 0.95 },
            ["total"] = new() { Value = JsonValue.Create(1100m), Raw = "1,100.00", Found = true, Confidence = totalConfidence },
        },
        CreatedAt = DateTime.UnixEpoch,
        UpdatedAt = DateTime.UnixEpoch,
    };

    private static string Line(string output, string field) =>
        output.Split('\n').First(l => l.StartsWith(field + " ", StringComparison.Ordinal));
}
