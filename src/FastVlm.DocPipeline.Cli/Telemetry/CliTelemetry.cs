using FastVlm.DocPipeline.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FastVlm.DocPipeline.Cli.Telemetry;

/// <summary>
/// Exports the pipeline's spans and metrics over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The exporter
/// reads the standard variables itself (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>, …), and so does the
/// resource (<c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>). Disposing flushes what is left.
/// </summary>
internal sealed class CliTelemetry : IDisposable
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceName = "docpipe";

    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    private CliTelemetry(TracerProvider tracer, MeterProvider meter)
    {
        _tracer = tracer;
        _meter = meter;
    }

    /// <summary>Starts the exporters, or returns null when no endpoint is configured.</summary>
    public static CliTelemetry? StartFromEnvironment()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable)))
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
        {
            resource.AddService(ServiceName);
        }

        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(DocPipelineTelemetry.Name)
            .AddOtlpExporter()
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(DocPipelineTelemetry.Name)
            .AddOtlpExporter()
            .Build();
        return new CliTelemetry(tracer, meter);
    }

    /// <summary>
    /// Loggers whose records go over OTLP with the same resource, or null when no endpoint is configured
    /// (the review server's access log uses it in Azure). The caller disposes it, which flushes.
    /// </summary>
    public static ILoggerFactory? CreateLoggerFactoryFromEnvironment()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable)))
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
        {
            resource.AddService(ServiceName);
        }

        return LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.SetResourceBuilder(resource);
            otel.AddOtlpExporter();
        }));
    }

    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }
}
