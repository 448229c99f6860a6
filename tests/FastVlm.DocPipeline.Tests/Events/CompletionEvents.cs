using FastVlm.DocPipeline.Contracts.Events;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Tests.Events;

/// <summary>Completion events for the publisher tests.</summary>
internal static class CompletionEvents
{
    public static DocumentCompletionEvent Make(string documentId, DocumentStatus status = DocumentStatus.Completed) => new()
    {
        DocumentId = documentId,
        RunId = "20261201T120000Z-0a1b2c3d",
        Status = status,
        NeedsReview = true,
        Source = "incoming/invoice-7.pdf",
        Schema = new SchemaRef("invoice", "1"),
        PageCount = 3,
        PagesDone = status == DocumentStatus.Failed ? 0 : 2,
        PagesFailed = status == DocumentStatus.Failed ? 3 : 1,
        FieldCount = 9,
        FieldsFound = 7,
        FieldsNeedingReview = 2,
        Result = $"file:///data/documents/{documentId}/document.json",
        Error = status == DocumentStatus.Failed ? new ErrorInfo("raster.corrupt", "The PDF could not be read.") : null,
        CompletedAt = new DateTime(2026, 12, 1, 12, 0, 5, DateTimeKind.Utc),
    };
}
