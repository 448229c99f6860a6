namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>One blob handed out by an <see cref="IIncomingFeed"/>; feeds derive from it to keep what they need to settle it.</summary>
internal record FeedItem(IncomingBlob Blob);
