namespace FastVlm.DocPipeline.Contracts.Events;

/// <summary>The CloudEvents <c>type</c> values of the document events.</summary>
public static class CompletionEventTypes
{
    public const string DocumentCompleted = "FastVlm.DocPipeline.DocumentCompleted";

    public const string DocumentFailed = "FastVlm.DocPipeline.DocumentFailed";

    /// <summary>A reviewer approved the document: its values in force are final.</summary>
    public const string DocumentReviewed = "FastVlm.DocPipeline.DocumentReviewed";
}
