namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>How the loop ended one blob, as its feed needs to know it.</summary>
internal enum FeedSettlement
{
    /// <summary>A final outcome is stored and checkpointed: never handed out again at this version.</summary>
    Done,

    /// <summary>It failed transiently: hand it out again after a back-off.</summary>
    RetryLater,

    /// <summary>Some of its pages failed: not checkpointed, so a later run retries those pages, but not handed out again in this one.</summary>
    LeftForNextRun,
}
