using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// The workflow's activities as functions: each calls the core <see cref="DocumentActivities"/> method of the
/// same name. Failures are rethrown as <see cref="HostedActivityException"/>s so the orchestrator gets the
/// stable error code and knows whether a retry can help.
/// </summary>
public sealed class DocumentActivityFunctions(DocumentActivities activities)
{
    [Function(ActivityNames.PrepareDocument)]
    public Task<PrepareDocumentOutput> PrepareDocumentAsync([ActivityTrigger] PrepareDocumentInput input, CancellationToken cancellationToken) =>
        RunAsync(() => activities.PrepareDocumentAsync(input, cancellationToken));

    [Function(ActivityNames.RasterizeRange)]
    public Task<RasterizeRangeOutput> RasterizeRangeAsync([ActivityTrigger] RasterizeRangeInput input, CancellationToken cancellationToken) =>
        RunAsync(() => activities.RasterizeRangeAsync(input, cancellationToken));

    [Function(ActivityNames.ExtractPage)]
    public Task<ExtractPageOutput> ExtractPageAsync([ActivityTrigger] ExtractPageInput input, CancellationToken cancellationToken) =>
        RunAsync(() => activities.ExtractPageAsync(input, cancellationToken));

    [Function(ActivityNames.RecordPageFailures)]
    public Task<int> RecordPageFailuresAsync([ActivityTrigger] RecordPageFailuresInput input, CancellationToken cancellationToken) =>
        RunAsync(() => activities.RecordPageFailuresAsync(input, cancellationToken));

    [Function(ActivityNames.CompleteDocument)]
    public Task<CompleteDocumentOutput> CompleteDocumentAsync([ActivityTrigger] CompleteDocumentInput input, CancellationToken cancellationToken) =>
        RunAsync(() => activities.CompleteDocumentAsync(input, cancellationToken));

    [Function(ActivityNames.PublishCompletion)]
    public Task<bool> PublishCompletionAsync([ActivityTrigger] PublishCompletionInput input, CancellationToken cancellationToken) =>
        RunAsync(() => activities.PublishCompletionAsync(input, cancellationToken));

    [Function(ActivityNames.ClassifyDocument)]
    public Task<ClassifyDocumentOutput> ClassifyDocumentAsync([ActivityTrigger] ClassifyDocumentInput input, CancellationToken cancellationToken) =>
        RunAsync(() => activities.ClassifyDocumentAsync(input, cancellationToken));

    [Function(ActivityNames.RecordClassifiedSource)]
    public Task<DocumentStatus> RecordClassifiedSourceAsync([ActivityTrigger] RecordClassifiedSourceInput input, CancellationToken cancellationToken) =>
        RunAsync(() => activities.RecordClassifiedSourceAsync(input, cancellationToken));

    private static async Task<T> RunAsync<T>(Func<Task<T>> activity)
    {
        try
        {
            return await activity().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw HostedActivityErrors.Wrap(e);
        }
    }
}
