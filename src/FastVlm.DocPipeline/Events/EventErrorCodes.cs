namespace FastVlm.DocPipeline.Events;

/// <summary>Stable error codes of the completion-event publishers.</summary>
public static class EventErrorCodes
{
    /// <summary>The event could not be written to the webhook's spool directory (disk full, no permission).</summary>
    public const string SpoolFailed = "events.spool_failed";

    /// <summary>Event Grid did not accept the event (after the SDK's retries).</summary>
    public const string EventGridFailed = "events.eventgrid_failed";

    /// <summary>The publisher's settings are missing or invalid.</summary>
    public const string InvalidSettings = "events.invalid_settings";
}
