namespace FastVlm.DocPipeline.Events.EventGrid;

/// <summary>The Event Grid topic completion events go to, and who publishes them.</summary>
public sealed class EventGridPublisherOptions
{
    /// <summary>The topic endpoint, e.g. <c>https://TOPIC.REGION-1.eventgrid.azure.net/api/events</c> (CloudEvents input schema).</summary>
    public required Uri TopicEndpoint { get; set; }

    /// <summary>Client id of the user-assigned managed identity (granted EventGrid Data Sender); null: DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The CloudEvents <c>source</c> of the events.</summary>
    public string Source { get; set; } = "/docpipe/functions";
}
