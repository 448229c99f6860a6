using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>
/// A results folder as <c>docpipe extract</c> leaves it, for the review app: a two-page invoice (both pages are
/// invoice-page.png, drawn by make-invoice-page.py, which printed the value boxes used here; the payment terms are
/// read from the foot of page 2, below the fold), a document whose every model text is hostile markup, and a failed
/// document.
/// </summary>
internal static class ReviewTestData
{
    public const string InvoiceId = "doc-invoice";
    public const string HostileId = "doc-hostile";
    public const string FailedId = "doc-failed";
    public const string RunId = "r1";
    public const int PageWidth = 850;
    public const int PageHeight = 1100;

    public const string HostileScript = "<script>window.__xss = 1</script>";
    public const string HostileImage = "<img src=x onerror=\"window.__xss = 2\">";
    public const string HostileSource = "<svg onload=\"window.__xss = 3\">.pdf";

    public static readonly PixelBox VendorBox = new(58, 63, 367, 90);
    public static readonly PixelBox InvoiceNumberBox = new(238, 192, 324, 209);
    public static readonly PixelBox TotalBox = new(658, 507, 785, 526);
    public static readonly PixelBox PaymentTermsBox = new(58, 1021, 509, 1043);

    private static readonly DateTime Extracted = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    public static string InvoicePagePng => RepoPaths.Of("tests/FastVlm.DocPipeline.Tests/Cli/Review/invoice-page.png");

    /// <summary>Writes the three documents under <paramref name="root"/> (results and <c>pages/</c>, like <c>--data</c>).</summary>
    public static async Task WriteAsync(string root)
    {
        var store = new FileResultStore(root);
        var images = new FilePageImageStore(Path.Combine(root, "pages"));
        await PutAsync(store, Invoice());
        foreach (var page in new[] { 1, 2 })
        {
            var image = await images.SavePageImageAsync(InvoiceId, page, await File.ReadAllBytesAsync(InvoicePagePng));
            await store.UpsertPageAsync(new PageRecord
            {
                Id = PageRecord.MakeId(InvoiceId, page), DocumentId = InvoiceId, RunId = RunId, Page = page, ImageName = image,
                Width = PageWidth, Height = PageHeight, Status = PageStatuses.Done, UpdatedAt = Extracted,
            });
        }

        await PutAsync(store, Hostile());
        await PutAsync(store, Document(FailedId, "scans/blurred.pdf", DocumentStatus.Failed, Extracted.AddMinutes(-5), new Dictionary<string, FieldResult>()));
    }

    /// <summary>The schema the documents were extracted with (stored in their run records, as a run stores it).</summary>
    public static ExtractionSchema Schema { get; } = new()
    {
        Name = "invoice",
        Version = "1",
        Currency = "EUR",
        Fields =
        [
            new SchemaField { Name = "vendorName", Question = "Who is the vendor?" },
            new SchemaField { Name = "invoiceNumber", Question = "What is the invoice number?" },
            new SchemaField { Name = "invoiceDate", Question = "What is the invoice date?", Type = FieldType.Date },
            new SchemaField { Name = "customerName", Question = "Who is the customer?" },
            new SchemaField { Name = "total", Question = "What is the total?", Type = FieldType.Currency },
            new SchemaField { Name = "paymentTerms", Question = "What are the payment terms?" },
        ],
    };

    private static DocumentRecord Invoice() => Document(InvoiceId, "invoices/acme-2041.pdf", DocumentStatus.Completed, Extracted, new Dictionary<string, FieldResult>
    {
        ["vendorName"] = Grounded("ACME Tools GmbH", "ACME Tools GmbH", 0.97, VendorBox, "exact"),
        ["invoiceNumber"] = new()
        {
            Found = true, Value = JsonValue.Create("INV-2047"), Raw = "INV-2047", Confidence = 0.41, Page = 1, NeedsReview = true,
            Issue = "not_on_page", Grounding = "not_on_page",
            Alternatives =
            [
                new FieldAlternative { Value = JsonValue.Create("INV-2041"), Raw = "INV-2041", Confidence = 0.33, Grounding = "grounded", Location = Location(InvoiceNumberBox, "exact") },
                new FieldAlternative { Value = JsonValue.Create("INV-2011"), Raw = "INV-2011", Confidence = 0.12, Grounding = "not_on_page" },
            ],
        },
        ["invoiceDate"] = Grounded(JsonValue.Create("2026-03-14"), "14 March 2026", 0.93, new PixelBox(238, 221, 377, 239), "normalized"),
        ["customerName"] = Grounded("Globex Corporation", "Globex Corporation", 0.88, new PixelBox(238, 251, 417, 273), "exact"),
        ["total"] = Grounded(JsonValue.Create(1234.50m), "1,234.50 EUR", 0.52, TotalBox, "fuzzy") with { NeedsReview = true, Currency = "EUR" },
        ["paymentTerms"] = Grounded("Payable within 30 days", "Payable within 30 days.", 0.9, PaymentTermsBox, "fuzzy") with
        {
            Page = 2, Location = Location(PaymentTermsBox, "fuzzy") with { Page = 2 },
        },
    }) with { PageCount = 2 };

    private static DocumentRecord Hostile() => Document(HostileId, HostileSource, DocumentStatus.Completed, Extracted.AddMinutes(-1), new Dictionary<string, FieldResult>
    {
        ["vendorName"] = new()
        {
            Found = true, Value = JsonValue.Create(HostileScript), Raw = HostileImage, Confidence = 0.3, Page = 1, NeedsReview = true, Issue = HostileImage,
            Alternatives = [new FieldAlternative { Value = JsonValue.Create(HostileImage), Raw = HostileImage, Confidence = 0.2 }],
        },
    });

    private static FieldResult Grounded(JsonNode value, string raw, double confidence, PixelBox box, string match) => new()
    {
        Found = true, Value = value, Raw = raw, Confidence = confidence, Page = 1, Grounding = "grounded", Location = Location(box, match),
    };

    private static FieldResult Grounded(string value, string raw, double confidence, PixelBox box, string match) =>
        Grounded(JsonValue.Create(value), raw, confidence, box, match);

    private static FieldLocation Location(PixelBox box, string match) => new() { Page = 1, Boxes = [box], Match = match, Score = match == "fuzzy" ? 0.83 : 1.0 };

    private static DocumentRecord Document(string id, string source, DocumentStatus status, DateTime updated, Dictionary<string, FieldResult> fields) => new()
    {
        Id = id,
        DocumentId = id,
        RunId = RunId,
        FieldsRunId = RunId,
        Source = new SourceInfo(null, source, null, "sha-" + id, 1000),
        Schema = new SchemaRef(id == FailedId ? "receipt" : "invoice", "1"),
        Status = status,
        NeedsReview = fields.Values.Any(f => f.NeedsReview),
        PageCount = 1,
        CreatedAt = updated,
        UpdatedAt = updated,
        Fields = fields,
    };

    private static async Task PutAsync(FileResultStore store, DocumentRecord document)
    {
        await store.UpsertRunAsync(new RunRecord
        {
            Id = RunRecord.MakeId(document.DocumentId, RunId),
            DocumentId = document.DocumentId,
            RunId = RunId,
            Status = document.Status,
            StartedAt = document.CreatedAt,
            SchemaJson = JsonSerializer.Serialize(Schema, ResultJson.Options),
        });
        await store.UpdateDocumentAsync(document.DocumentId, _ => document);
    }
}
