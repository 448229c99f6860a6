using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Calibration;

namespace FastVlm.DocPipeline.Tests.Extraction.Calibration;

public sealed class ReviewedFieldCollectorTests
{
    private static readonly ExtractionSchema Invoice = EmbeddedSchemas.Get("invoice");

    [Fact]
    public void Accepted_and_equal_edits_are_kept_changed_values_are_not_and_unreviewed_fields_are_left_out()
    {
        var document = Document("invoice", new Dictionary<string, FieldResult>
        {
            ["vendorName"] = Reviewed(JsonValue.Create("Contoso Ltd."), 0.9, ReviewActions.Accepted, JsonValue.Create("Contoso Ltd.")),
            ["total"] = Reviewed(JsonValue.Create(1100m), 0.8, ReviewActions.Edited, JsonValue.Create("1100.00")),
            ["subtotal"] = Reviewed(JsonValue.Create(1000m), 0.7, ReviewActions.Edited, JsonValue.Create("1010.00")),
            ["invoiceNumber"] = Reviewed(JsonValue.Create("INV-1"), 0.6, ReviewActions.Edited, JsonValue.Create("  inv-1 ")),
            ["customerName"] = new() { Value = JsonValue.Create("Fabrikam"), Raw = "Fabrikam", Found = true, Confidence = 0.5 },
        });

        var fields = ReviewedFieldCollector.From(Invoice, document).ToDictionary(f => f.Field);

        fields.Keys.Should().BeEquivalentTo(["vendorName", "total", "subtotal", "invoiceNumber"]);
        fields["vendorName"].Kept.Should().BeTrue();
        fields["total"].Kept.Should().BeTrue("1100.00 is the number the model gave");
        fields["subtotal"].Kept.Should().BeFalse();
        fields["invoiceNumber"].Kept.Should().BeTrue("case and surrounding spaces are not a change");
        fields["total"].Confidence.Should().Be(0.8);
    }

    [Fact]
    public void A_field_the_model_missed_and_the_reviewer_filled_is_not_kept()
    {
        var document = Document("invoice", new Dictionary<string, FieldResult>
        {
            ["purchaseOrder"] = new()
            {
                Value = JsonValue.Create("PO-1"),
                Found = false,
                Confidence = 0.2,
                Reviewed = true,
                Review = new FieldReviewState { Reviewer = "ana", At = DateTime.UnixEpoch, Action = ReviewActions.Edited },
                Model = new FieldModelAnswer { Value = null, Confidence = 0.2 },
            },
        });

        ReviewedFieldCollector.From(Invoice, document).Single().Kept.Should().BeFalse();
    }

    [Fact]
    public void Documents_of_another_schema_are_left_out()
    {
        var document = Document("receipt", new Dictionary<string, FieldResult>
        {
            ["total"] = Reviewed(JsonValue.Create(5m), 0.9, ReviewActions.Accepted, JsonValue.Create(5m)),
        });

        ReviewedFieldCollector.From(Invoice, document).Should().BeEmpty();
    }

    private static FieldResult Reviewed(JsonNode value, double confidence, string action, JsonNode corrected) => new()
    {
        Value = corrected,
        Raw = value.ToJsonString(),
        Found = true,
        Confidence = confidence,
        Reviewed = true,
        Review = new FieldReviewState { Reviewer = "ana", At = DateTime.UnixEpoch, Action = action },
        Model = new FieldModelAnswer { Value = value, Raw = value.ToJsonString(), Confidence = confidence },
    };

    private static DocumentRecord Document(string schema, Dictionary<string, FieldResult> fields) => new()
    {
        Id = "d1",
        DocumentId = "d1",
        RunId = "r1",
        Source = new SourceInfo(null, "a.pdf", null, "abc", 1),
        Schema = new SchemaRef(schema, "1"),
        Status = DocumentStatus.Reviewed,
        Fields = fields,
        CreatedAt = DateTime.UnixEpoch,
        UpdatedAt = DateTime.UnixEpoch,
    };
}
