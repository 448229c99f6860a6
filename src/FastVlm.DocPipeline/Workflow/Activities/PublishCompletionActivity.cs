namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Publishes the completion event of a finished document through <see cref="DocumentActivitiesOptions.CompletionNotifier"/>.
/// A publisher failure is transient, so the host retries it; without a notifier nothing is published.
/// </summary>
public sealed class PublishCompletionActivity(ActivityServices services)
{
    public async Task<bool> RunAsync(PublishCompletionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return services.Options.CompletionNotifier is { } notifier
            && await notifier.NotifyAsync(input.DocumentId, cancellationToken).ConfigureAwait(false);
    }
}
