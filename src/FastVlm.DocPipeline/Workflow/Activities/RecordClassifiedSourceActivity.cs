using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Writes a classified file's own record: completed with its parts (failed when one of them failed), or failed
/// with the error that stopped classification. Its schema is <c>auto</c>; its fields are in the parts.
/// </summary>
public sealed class RecordClassifiedSourceActivity(ActivityServices services)
{
    public async Task<DocumentStatus> RunAsync(RecordClassifiedSourceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var status = input.Error is null && input.Parts.Count > 0 && input.Parts.All(p => p.Status == DocumentStatus.Completed)
            ? DocumentStatus.Completed
            : DocumentStatus.Failed;
        await services.Results.UpdateDocumentAsync(
            input.DocumentId,
            current => (current ?? DocumentRecordBuilder.NewDocument(input.DocumentId, input.RunId, input.Source, ClassificationRequest.SourceSchemaRef, input.StartedAt)) with
            {
                RunId = input.RunId,
                Source = input.Source,
                Status = status,
                PageCount = input.PageCount,
                PagesDone = input.PagesDone,
                Parts = input.Parts,
                NeedsReview = input.Parts.Any(p => p.NeedsReview),
                Error = input.Error,
                UpdatedAt = input.CompletedAt,
                CompletedAt = input.CompletedAt,
            },
            cancellationToken).ConfigureAwait(false);
        return status;
    }
}
