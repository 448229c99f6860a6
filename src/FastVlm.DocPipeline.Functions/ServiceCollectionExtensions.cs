using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Events;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Events;
using FastVlm.DocPipeline.Functions.Schemas;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.Events;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Functions;

/// <summary>Registers the core services the functions call, configured from identity-based app settings only.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddDocPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // One identity for every Azure SDK client: the app's user-assigned managed identity in Azure,
        // the developer's az login locally.
        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = configuration[SettingNames.AzureClientId],
        });

        // Durable payloads and HTTP bodies in the pipeline's one JSON shape.
        services.Configure<WorkerOptions>(options => options.Serializer = PipelineJson.WorkerSerializer);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new DefaultSchemas(configuration[SettingNames.Schema] ?? "invoice", configuration[SettingNames.DefaultSchemas]));
        services.AddSingleton(new ClassificationSettings(configuration[SettingNames.ClassifyCandidates], configuration[SettingNames.ClassifySplit]));

        var storage = new BlobStorageOptions
        {
            ServiceUri = RequiredUri(configuration, SettingNames.DocumentStorageBlobServiceUri),
            Credential = credential,
            IncomingContainer = configuration[SettingNames.IncomingContainer] ?? "incoming",
            PagesContainer = configuration[SettingNames.PagesContainer] ?? "pages",
            ResultsContainer = configuration[SettingNames.ResultsContainer] ?? "results",
            CreateContainersIfMissing = false,
        };
        services.AddSingleton(storage);
        services.AddSingleton(_ => BlobClients.CreateBlobServiceClient(storage));
        services.AddSingleton(sp => new BlobDocumentSource(sp.GetRequiredService<BlobServiceClient>(), storage));
        services.AddSingleton<IDocumentSource>(sp => sp.GetRequiredService<BlobDocumentSource>());
        services.AddSingleton<IPageImageStore>(sp => new BlobPageImageStore(sp.GetRequiredService<BlobServiceClient>(), storage));
        var schemasContainer = configuration[SettingNames.SchemasContainer] ?? "schemas";
        services.AddSingleton<ISchemaCatalog>(sp => new BlobSchemaCatalog(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(schemasContainer)));

        var cosmos = new CosmosResultStoreOptions
        {
            Endpoint = RequiredUri(configuration, SettingNames.CosmosEndpoint),
            Credential = credential,
            DatabaseName = configuration[SettingNames.CosmosDatabase] ?? "docpipe",
            ContainerName = configuration[SettingNames.CosmosContainer] ?? "documents",
        };
        services.AddSingleton(sp => new CosmosResultStore(cosmos, sp.GetRequiredService<ILogger<CosmosResultStore>>()));
        services.AddSingleton<IResultStore>(sp => sp.GetRequiredService<CosmosResultStore>());

        services.AddSingleton(new FastVlmEngineOptions
        {
            ModelDirectory = Required(configuration, SettingNames.ModelPath),
            ExecutionProvider = ParseProvider(configuration[SettingNames.ModelExecutionProvider]),
            // A GPU replica that cannot use its GPU should fail loudly, not crawl on 8 CPU cores.
            FallbackToCpu = false,
        });
        services.AddSingleton<ModelHost>();
        services.AddHostedService<ModelWarmupService>();

        services.AddSingleton<IDocumentRasterizer>(_ => new DocumentRasterizer());
        services.AddSingleton(sp =>
        {
            var model = sp.GetRequiredService<ModelHost>();
            return new DocumentActivities(
                sp.GetRequiredService<IDocumentSource>(),
                sp.GetRequiredService<IDocumentRasterizer>(),
                async cancellationToken => await model.GetModelAsync(cancellationToken).ConfigureAwait(false),
                sp.GetRequiredService<IResultStore>(),
                sp.GetRequiredService<IPageImageStore>(),
                new DocumentActivitiesOptions
                {
                    TimeProvider = sp.GetRequiredService<TimeProvider>(),
                    CompletionNotifier = new DocumentCompletionNotifier(
                        sp.GetRequiredService<IResultStore>(),
                        sp.GetRequiredService<ICompletionEventPublisher>(),
                        documentId => ResultLocations.CosmosItem(cosmos.Endpoint, cosmos.DatabaseName, cosmos.ContainerName, documentId)),
                });
        });
        services.AddSingleton<DocumentStarter>();
        return services;
    }

    private static ExecutionProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? ExecutionProvider.Cuda
        : Enum.TryParse<ExecutionProvider>(value, ignoreCase: true, out var provider) ? provider
        : throw new DocPipelineException("config.invalid_setting", $"Setting '{Env(SettingNames.ModelExecutionProvider)}' is '{value}'; use 'cuda' or 'cpu'.");

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new DocPipelineException("config.missing_setting", $"Application setting '{Env(key)}' is missing; infra/main.bicep sets it on the function app.");

    private static Uri RequiredUri(IConfiguration configuration, string key) =>
        Uri.TryCreate(Required(configuration, key), UriKind.Absolute, out var uri)
            ? uri
            : throw new DocPipelineException("config.invalid_setting", $"Application setting '{Env(key)}' is not an absolute URI.");

    private static string Env(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
