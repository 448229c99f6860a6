using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Workflow.InProcess;

public static class DocumentActivityRegistration
{
    /// <summary>
    /// Registers the activities of <see cref="DocumentWorkflow"/> under their <see cref="ActivityNames"/>, and
    /// <see cref="PageRangeWorkflow"/> under <see cref="WorkflowNames.PageRange"/>.
    /// </summary>
    public static InProcessActivityRegistry AddDocumentActivities(this InProcessActivityRegistry registry, DocumentActivities activities)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(activities);
        return registry
            .Add<PrepareDocumentInput, PrepareDocumentOutput>(ActivityNames.PrepareDocument, activities.PrepareDocumentAsync)
            .Add<RasterizeRangeInput, RasterizeRangeOutput>(ActivityNames.RasterizeRange, activities.RasterizeRangeAsync)
            .Add<ExtractPageInput, ExtractPageOutput>(ActivityNames.ExtractPage, activities.ExtractPageAsync)
            .Add<RecordPageFailuresInput, int>(ActivityNames.RecordPageFailures, activities.RecordPageFailuresAsync)
            .Add<CompleteDocumentInput, CompleteDocumentOutput>(ActivityNames.CompleteDocument, activities.CompleteDocumentAsync)
            .Add<PublishCompletionInput, bool>(ActivityNames.PublishCompletion, activities.PublishCompletionAsync)
            .Add<ClassifyDocumentInput, ClassifyDocumentOutput>(ActivityNames.ClassifyDocument, activities.ClassifyDocumentAsync)
            .Add<RecordClassifiedSourceInput, Contracts.Records.DocumentStatus>(ActivityNames.RecordClassifiedSource, activities.RecordClassifiedSourceAsync)
            .AddWorkflow<PageRangeInput, PageRangeSummary>(WorkflowNames.PageRange, PageRangeWorkflow.RunAsync);
    }
}
