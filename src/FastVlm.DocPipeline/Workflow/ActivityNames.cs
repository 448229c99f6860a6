namespace FastVlm.DocPipeline.Workflow;

/// <summary>Names of the document workflow's activities (the Functions host registers functions under these names).</summary>
public static class ActivityNames
{
    /// <summary><see cref="Activities.PrepareDocumentInput"/> → <see cref="Activities.PrepareDocumentOutput"/>.</summary>
    public const string PrepareDocument = "PrepareDocument";

    /// <summary><see cref="Activities.RasterizeRangeInput"/> → <see cref="Activities.RasterizeRangeOutput"/>.</summary>
    public const string RasterizeRange = "RasterizeRange";

    /// <summary><see cref="Activities.ExtractPageInput"/> → <see cref="Activities.ExtractPageOutput"/>.</summary>
    public const string ExtractPage = "ExtractPage";

    /// <summary><see cref="Activities.RecordPageFailuresInput"/> → page count recorded.</summary>
    public const string RecordPageFailures = "RecordPageFailures";

    /// <summary><see cref="Activities.CompleteDocumentInput"/> → <see cref="Activities.CompleteDocumentOutput"/>.</summary>
    public const string CompleteDocument = "CompleteDocument";

    /// <summary><see cref="Activities.PublishCompletionInput"/> → whether a completion event was published.</summary>
    public const string PublishCompletion = "PublishCompletion";

    /// <summary><see cref="Activities.ClassifyDocumentInput"/> → <see cref="Activities.ClassifyDocumentOutput"/> (<c>--schema auto</c>).</summary>
    public const string ClassifyDocument = "ClassifyDocument";

    /// <summary><see cref="Activities.RecordClassifiedSourceInput"/> → the file record's <see cref="Contracts.Records.DocumentStatus"/>.</summary>
    public const string RecordClassifiedSource = "RecordClassifiedSource";

    public static IReadOnlyList<string> All { get; } =
        [PrepareDocument, RasterizeRange, ExtractPage, RecordPageFailures, CompleteDocument, PublishCompletion, ClassifyDocument, RecordClassifiedSource];
}
