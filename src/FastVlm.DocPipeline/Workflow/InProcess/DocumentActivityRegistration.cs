using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Workflow.InProcess;

public static class DocumentActivityRegistration
{
    /// <summary>Registers the four activities of <see cref="DocumentWorkflow"/> under their <see cref="ActivityNames"/>.</summary>
    public static InProcessActivityRegistry AddDocumentActivities(this InProcessActivityRegistry registry, DocumentActivities activities)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(activities);
        return registry
            .Add<PrepareDocumentInput, PrepareDocumentOutput>(ActivityNames.PrepareDocument, activities.PrepareDocumentAsync)
            .Add<RasterizePagesInput, RasterizePagesOutput>(ActivityNames.RasterizePages, activities.RasterizePagesAsync)
            .Add<ExtractPageInput, ExtractPageOutput>(ActivityNames.ExtractPage, activities.ExtractPageAsync)
            .Add<CompleteDocumentInput, CompleteDocumentOutput>(ActivityNames.CompleteDocument, activities.CompleteDocumentAsync);
    }
}
