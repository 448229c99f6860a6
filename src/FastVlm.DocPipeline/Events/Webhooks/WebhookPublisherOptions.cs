namespace FastVlm.DocPipeline.Events.Webhooks;

/// <summary>Where and how <see cref="WebhookCompletionPublisher"/> posts completion events.</summary>
public sealed class WebhookPublisherOptions
{
    /// <summary>The webhook (http or https) that receives each event as a structured-mode CloudEvent POST.</summary>
    public required Uri Endpoint { get; set; }

    /// <summary>Folder of the events not yet delivered (one JSON file each); they survive restarts.</summary>
    public required string SpoolDirectory { get; set; }

    /// <summary>The CloudEvents <c>source</c> of the events.</summary>
    public string Source { get; set; } = "/docpipe/serve";

    /// <summary>Attempts per event and delivery round before the round stops and leaves the rest spooled.</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public double BackoffCoefficient { get; set; } = 2;

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of one POST.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
