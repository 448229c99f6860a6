using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>The records the activities write, built in one place.</summary>
public static class DocumentRecordBuilder
{
    public static DocumentRecord NewDocument(string documentId, string runId, SourceInfo source, SchemaRef schema, DateTime now) => new()
    {
        Id = documentId,
        DocumentId = documentId,
        RunId = runId,
        Source = source,
        Schema = schema,
        Status = DocumentStatus.Queued,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static PageRecord DonePage(
        string documentId,
        string runId,
        RenderedPageInfo page,
        IReadOnlyDictionary<string, PageAnswer> answers,
        IReadOnlyDictionary<string, double> timings,
        DateTime now) => new()
    {
        Id = PageRecord.MakeId(documentId, page.Page),
        DocumentId = documentId,
        RunId = runId,
        Page = page.Page,
        ImageName = page.ImageName,
        Width = page.Width,
        Height = page.Height,
        Status = PageStatuses.Done,
        Answers = answers,
        TimingsMs = timings,
        UpdatedAt = now,
    };

    public static PageRecord FailedPage(string documentId, string runId, PageFailure failure, DateTime now) => new()
    {
        Id = PageRecord.MakeId(documentId, failure.Page),
        DocumentId = documentId,
        RunId = runId,
        Page = failure.Page,
        ImageName = IPageImageStore.MakeName(documentId, failure.Page),
        Status = PageStatuses.Failed,
        Error = new ErrorInfo(failure.Code, failure.Message),
        Attempts = failure.Attempts,
        UpdatedAt = now,
    };

    public static PageFailure ToFailure(PageRecord page) =>
        new(page.Page, page.Error?.Code ?? ActivityFailure.UnknownCode, page.Error?.Message ?? "", page.Attempts);

    public static ModelInfo ToModelInfo(ModelDescriptor descriptor) => new(
        descriptor.Name,
        new Dictionary<string, string>
        {
            ["visionEncoder"] = descriptor.VisionEncoderVariant,
            ["embedTokens"] = descriptor.EmbedTokensVariant,
            ["decoder"] = descriptor.DecoderVariant,
        },
        descriptor.ExecutionProvider);

    public static DocPipelineException MissingDocument(string documentId) =>
        new(WorkflowErrorCodes.DocumentMissing, $"Document {documentId} is not in the result store although it was prepared; run it again.");
}
