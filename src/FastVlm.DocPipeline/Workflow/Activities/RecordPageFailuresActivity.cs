using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Stores the pages of a range that failed after their retries (a page an earlier run finished stays done).</summary>
public sealed class RecordPageFailuresActivity(ActivityServices services)
{
    public async Task<int> RunAsync(RecordPageFailuresInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var done = input.Failures.Count == 0
            ? []
            : (await services.Results.GetPagesAsync(input.DocumentId, cancellationToken).ConfigureAwait(false))
                .Where(p => p.Status == PageStatuses.Done).Select(p => p.Page).ToHashSet();
        var recorded = 0;
        foreach (var failure in input.Failures.Where(f => !done.Contains(f.Page)))
        {
            await services.Results.UpsertPageAsync(DocumentRecordBuilder.FailedPage(input.DocumentId, input.RunId, failure, input.FailedAt), cancellationToken).ConfigureAwait(false);
            recorded++;
        }

        return recorded;
    }
}
