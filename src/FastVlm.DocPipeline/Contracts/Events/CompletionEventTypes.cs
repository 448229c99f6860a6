namespace FastVlm.DocPipeline.Contracts.Events;

/// <summary>The CloudEvents <c>type</c> values of the completion events.</summary>
public static class CompletionEventTypes
{
    public const string DocumentCompleted = "FastVlm.DocPipeline.DocumentCompleted";

    public const string DocumentFailed = "FastVlm.DocPipeline.DocumentFailed";
}
