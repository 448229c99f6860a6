using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Workflow.Review;

/// <summary>Completed documents to review in host tests: an invoice whose total is doubtful, with two alternatives.</summary>
internal static class ReviewDocuments
{
    private static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    public static DocumentRecord Invoice(string vendor = "Contoso Ltd.", bool doubtfulTotal = true, int pageCount = 1)
    {
        var id = "review-" + Guid.NewGuid().ToString("N");
        return new DocumentRecord
        {
            Id = id,
            DocumentId = id,
            RunId = "run1",
            FieldsRunId = "run1",
            Source = new SourceInfo("incoming", $"{id}.pdf", null, "abc", 3),
            Schema = new SchemaRef("invoice", "1"),
            Status = DocumentStatus.Completed,
            NeedsReview = doubtfulTotal,
            PageCount = pageCount,
            Fields = new Dictionary<string, FieldResult>
            {
                ["vendor"] = new() { Value = JsonValue.Create(vendor), Raw = vendor, Found = true, Confidence = 0.97, Page = 1 },
                ["total"] = new()
                {
                    Value = JsonValue.Create(1100m),
                    Raw = "EUR 1,100.00",
                    Found = true,
                    Confidence = doubtfulTotal ? 0.41 : 0.99,
                    Page = 1,
                    NeedsReview = doubtfulTotal,
                    Alternatives =
                    [
                        new FieldAlternative { Value = JsonValue.Create(1190m), Raw = "EUR 1,190.00", Confidence = 0.3 },
                    ],
                },
            },
            CreatedAt = T0,
            UpdatedAt = T0,
        };
    }

    /// <summary>The schema of <see cref="Invoice"/>: vendor (string), total (currency, EUR), with its rule.</summary>
    public static ExtractionSchema Schema { get; } = new()
    {
        Name = "invoice",
        Version = "1",
        Currency = "EUR",
        Fields =
        [
            new SchemaField { Name = "vendor", Question = "Who is the vendor?" },
            new SchemaField { Name = "total", Question = "What is the total?", Type = FieldType.Currency },
        ],
        Rules = [new SchemaRule("total > 0")],
    };

    /// <summary>Stores <paramref name="document"/> as a finished run leaves it: the document and its run record with the schema.</summary>
    public static async Task<DocumentRecord> StoreAsync(IResultStore store, DocumentRecord document, ExtractionSchema? schema = null)
    {
        await store.UpsertRunAsync(new RunRecord
        {
            Id = RunRecord.MakeId(document.DocumentId, document.RunId),
            DocumentId = document.DocumentId,
            RunId = document.RunId,
            Status = document.Status,
            StartedAt = document.CreatedAt,
            SchemaJson = JsonSerializer.Serialize(schema ?? Schema, ResultJson.Options),
        });
        return await store.UpdateDocumentAsync(document.DocumentId, _ => ReviewComposer.Compose(schema ?? Schema, document, null));
    }
}
