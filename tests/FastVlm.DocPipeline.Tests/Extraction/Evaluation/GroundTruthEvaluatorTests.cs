using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Tests.Extraction.Evaluation;

public class GroundTruthEvaluatorTests
{
    private static readonly ExtractionSchema Schema = new()
    {
        Name = "invoice",
        Version = "7",
        ReviewThreshold = 0.6,
        Fields =
        [
            new SchemaField { Name = "invoiceNumber", Question = "Number?", Type = FieldType.String },
            new SchemaField { Name = "vendorName", Question = "Vendor?", Type = FieldType.String },
            new SchemaField { Name = "invoiceDate", Question = "Date?", Type = FieldType.Date },
            new SchemaField { Name = "purchaseOrder", Question = "PO?", Type = FieldType.String },
            new SchemaField { Name = "total", Question = "Total?", Type = FieldType.Currency },
            new SchemaField { Name = "lineItems", Question = "Items?", Type = FieldType.List },
            new SchemaField { Name = "notes", Question = "Notes?", Type = FieldType.String },
        ],
    };

    private static FieldResult Found(JsonNode value, double confidence, string? currency = null) =>
        new() { Found = true, Value = value, Raw = value.ToJsonString(), Confidence = confidence, Currency = currency, Page = 1 };

    private static DocumentRecord Record(string id, Dictionary<string, FieldResult> fields) => new()
    {
        Id = id,
        DocumentId = id,
        RunId = "run",
        Source = new SourceInfo(null, id + ".pdf", null, "", 0),
        Schema = new SchemaRef("invoice", "7"),
        Status = DocumentStatus.Completed,
        Fields = fields,
        CreatedAt = DateTime.UnixEpoch,
        UpdatedAt = DateTime.UnixEpoch,
    };

    private static JsonObject Truth(string json) => JsonNode.Parse(json)!.AsObject();

    // Document a: invoiceNumber right (0.9), vendorName right via the truth key "vendor" (0.8), invoiceDate wrong (0.7),
    // purchaseOrder expected empty and not found (0.95), total right amount but wrong currency (0.4),
    // lineItems 2 of 3 expected items plus one extra (0.3). "notes" has no truth: unscored.
    private static TruthDocument DocumentA() => new(
        "a.pdf",
        Record("a", new()
        {
            ["invoiceNumber"] = Found(JsonValue.Create("INV-1"), 0.9),
            ["vendorName"] = Found(JsonValue.Create("northwind gmbh"), 0.8),
            ["invoiceDate"] = Found(JsonValue.Create("2024-03-15"), 0.7),
            ["purchaseOrder"] = new FieldResult { Found = false, Confidence = 0.95 },
            ["total"] = Found(JsonValue.Create(100.5m), 0.4, "USD"),
            ["lineItems"] = Found(new JsonArray("Chair", "Desk", "Lamp"), 0.3),
            ["notes"] = Found(JsonValue.Create("n/a"), 0.99),
        }),
        Truth("""
            { "invoiceNumber": "INV-1", "vendor": "Northwind GmbH", "invoiceDate": "2024-03-14", "purchaseOrder": "",
              "currency": "EUR", "total": "100.50", "taxRate": "19",
              "lineItems": [ { "description": "Chair" }, { "description": "Desk" }, { "description": "Monitor arm" } ] }
            """));

    // Document b: invoiceNumber wrong (0.5), total right with the right code (0.65). Truth has nothing else.
    private static TruthDocument DocumentB() => new(
        "b.pdf",
        Record("b", new()
        {
            ["invoiceNumber"] = Found(JsonValue.Create("INV-9"), 0.5),
            ["total"] = Found(JsonValue.Create(20m), 0.65, "GBP"),
        }),
        Truth("""{ "invoiceNumber": "INV-2", "total": "20.00", "currency": "GBP" }"""));

    [Fact]
    public void Scores_each_field_of_each_document_against_its_truth()
    {
        var report = GroundTruthEvaluator.Evaluate(Schema, [DocumentA(), DocumentB()]);

        report.Schema.Should().Be("invoice");
        report.SchemaVersion.Should().Be("7");
        var a = report.Documents[0];
        a.Name.Should().Be("a.pdf");
        a.DocumentId.Should().Be("a");
        a.Fields.Select(f => (f.Field, f.TruthKey, f.Correct)).Should().Equal(
            ("invoiceNumber", "invoiceNumber", true),
            ("vendorName", "vendor", true),
            ("invoiceDate", "invoiceDate", false),
            ("purchaseOrder", "purchaseOrder", true),
            ("total", "total", false),
            ("lineItems", "lineItems", false));
        a.UnscoredFields.Should().Equal("notes");
        a.SkippedTruthFields.Should().Equal(
            new SkippedTruthField("currency", SkippedTruthField.CurrencyCode),
            new SkippedTruthField("taxRate", SkippedTruthField.NotInSchema));
        a.Correct.Should().Be(3);
        a.Count.Should().Be(6);

        var total = a.Fields.Single(f => f.Field == "total");
        total.Expected!.GetValue<string>().Should().Be("100.50");
        total.ExpectedCurrency.Should().Be("EUR");
        total.ActualCurrency.Should().Be("USD");
        total.Confidence.Should().Be(0.4);
        total.Found.Should().BeTrue();
        total.Raw.Should().Be("100.5");

        var items = a.Fields.Single(f => f.Field == "lineItems");
        items.Precision.Should().BeApproximately(2.0 / 3, 1e-9);
        items.Recall.Should().BeApproximately(2.0 / 3, 1e-9);

        var b = report.Documents[1];
        b.Fields.Select(f => (f.Field, f.Correct)).Should().Equal(("invoiceNumber", false), ("total", true));
        b.UnscoredFields.Should().Equal("vendorName", "invoiceDate", "purchaseOrder", "lineItems", "notes");
    }

    [Fact]
    public void Aggregates_per_field_overall_and_by_confidence_against_the_review_threshold()
    {
        var report = GroundTruthEvaluator.Evaluate(Schema, [DocumentA(), DocumentB()]);

        report.Fields.Select(f => (f.Field, f.Count, f.Correct)).Should().Equal(
            ("invoiceNumber", 2, 1),
            ("vendorName", 1, 1),
            ("invoiceDate", 1, 0),
            ("purchaseOrder", 1, 1),
            ("total", 2, 1),
            ("lineItems", 1, 0));
        report.Fields[0].Accuracy.Should().Be(0.5);
        report.Fields[0].Precision.Should().BeNull();
        report.Fields[5].Precision.Should().BeApproximately(2.0 / 3, 1e-9);

        report.Count.Should().Be(8);
        report.Correct.Should().Be(4);
        report.Accuracy.Should().Be(0.5);

        // At or above 0.6: a.invoiceNumber 0.9 ✓, a.vendorName 0.8 ✓, a.invoiceDate 0.7 ✗, a.purchaseOrder 0.95 ✓, b.total 0.65 ✓.
        // Below: a.total 0.4 ✗, a.lineItems 0.3 ✗, b.invoiceNumber 0.5 ✗.
        report.Calibration.Threshold.Should().Be(0.6);
        report.Calibration.AtOrAbove.Should().Be(new CalibrationBucket(5, 4));
        report.Calibration.Below.Should().Be(new CalibrationBucket(3, 0));
        report.Calibration.AtOrAbove.Accuracy.Should().Be(0.8);
    }

    [Fact]
    public void Nothing_to_score_gives_no_accuracy_rather_than_zero()
    {
        var report = GroundTruthEvaluator.Evaluate(Schema, []);
        report.Count.Should().Be(0);
        report.Accuracy.Should().BeNull();
        report.Fields.Should().BeEmpty();
        report.Calibration.Below.Accuracy.Should().BeNull();
    }

    [Fact]
    public void The_same_input_gives_the_same_report()
    {
        var first = GroundTruthEvaluator.Evaluate(Schema, [DocumentA(), DocumentB()]);
        var second = GroundTruthEvaluator.Evaluate(Schema, [DocumentA(), DocumentB()]);
        System.Text.Json.JsonSerializer.Serialize(first, ResultJson.Options)
            .Should().Be(System.Text.Json.JsonSerializer.Serialize(second, ResultJson.Options));
    }
}
