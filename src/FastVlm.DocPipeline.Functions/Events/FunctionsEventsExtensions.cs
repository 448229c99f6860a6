using FastVlm.DocPipeline.Contracts.Events;
using FastVlm.DocPipeline.Events.EventGrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Functions.Events;

/// <summary>
/// Registers the <see cref="ICompletionEventPublisher"/> of the Functions app: the Event Grid topic the Bicep creates
/// (<c>Events__TopicEndpoint</c>), published to as the user-assigned identity (<c>AZURE_CLIENT_ID</c>). Without a topic
/// (a local <c>func start</c>) events are only logged.
/// </summary>
public static class FunctionsEventsExtensions
{
    public const string TopicEndpointSetting = "Events:TopicEndpoint";

    public const string ManagedIdentityClientIdSetting = "AZURE_CLIENT_ID";

    public static IServiceCollection AddDocPipelineCompletionEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[TopicEndpointSetting];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            services.AddSingleton<ICompletionEventPublisher>(sp => new LoggedCompletionEventPublisher(sp.GetRequiredService<ILogger<LoggedCompletionEventPublisher>>()));
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var topic) || topic.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"{TopicEndpointSetting} is '{endpoint}', not an https URL: set it to the Event Grid topic endpoint (infra/main.bicep does).");
        }

        var options = new EventGridPublisherOptions { TopicEndpoint = topic, ManagedIdentityClientId = configuration[ManagedIdentityClientIdSetting] };
        services.AddSingleton<ICompletionEventPublisher>(new EventGridCompletionPublisher(options));
        return services;
    }
}
