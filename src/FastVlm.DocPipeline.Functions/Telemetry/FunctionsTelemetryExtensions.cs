using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using FastVlm.DocPipeline.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FastVlm.DocPipeline.Functions.Telemetry;

/// <summary>
/// OpenTelemetry for the Functions worker: the pipeline's spans and metrics (<see cref="DocPipelineTelemetry"/>),
/// the Durable Task worker's orchestration and activity spans (the document and range levels of the trace), and the
/// Functions worker's own defaults, exported to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set. With <c>AZURE_CLIENT_ID</c> set (the user-assigned identity) the exporter authenticates with Entra ID,
/// so the Application Insights resource can disable local (key) authentication.
/// </summary>
public static class FunctionsTelemetryExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string ManagedIdentityClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>The activity source of the Durable Task worker (orchestrations, sub-orchestrations, activities).</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    public static IServiceCollection AddDocPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(DocPipelineTelemetry.Name, DurableTaskSource))
            .WithMetrics(metrics => metrics.AddMeter(DocPipelineTelemetry.Name));

        var connectionString = configuration[ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var clientId = configuration[ManagedIdentityClientIdSetting];
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (!string.IsNullOrWhiteSpace(clientId))
                {
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }

        return services;
    }
}
