using System.Diagnostics;
using System.Text;
using FastVlm.DocPipeline.Cli.Telemetry;
using FastVlm.DocPipeline.Telemetry;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

namespace FastVlm.DocPipeline.Tests.Telemetry;

/// <summary>
/// <c>docpipe extract</c> as a child process with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> pointing at a local HTTP
/// server: the OTLP/HTTP exporter posts the run's spans and metrics there (protobuf, so the names are read as
/// the UTF-8 strings they are in the payload).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class CliOtlpExportTests(TinyModelFixture fixture) : IDisposable
{
    private readonly ScratchDirectory _data = new("docpipe-otlp");

    [Fact]
    public async Task Extract_exports_spans_and_metrics_over_otlp_when_the_endpoint_is_set()
    {
        using var collector = RecordingHttpListener.Start();
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "docpipe.dll"));
        foreach (var argument in new[] { "extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", "describe-pages", "--model", fixture.ModelDirectory, "--data", _data.Path })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment[CliTelemetry.EndpointVariable] = collector.BaseAddress.ToString().TrimEnd('/');
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";

        (await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3), "Build the solution first.")).EnsureSuccess();

        var traces = Text(collector, "/v1/traces");
        traces.Should().Contain(DocPipelineTelemetry.Name)
            .And.Contain(DocPipelineTelemetry.DocumentSpan)
            .And.Contain(DocPipelineTelemetry.RangeSpan)
            .And.Contain(DocPipelineTelemetry.PageSpan)
            .And.Contain(DocPipelineTelemetry.FieldSpan)
            .And.Contain(TelemetryAttributes.TimeToFirstTokenMs)
            .And.Contain("docpipe");
        var metrics = Text(collector, "/v1/metrics");
        metrics.Should().Contain(DocPipelineMetrics.PagesName)
            .And.Contain(DocPipelineMetrics.FieldsName)
            .And.Contain(DocPipelineMetrics.TimeToFirstTokenName)
            .And.Contain(DocPipelineMetrics.TokensPerSecondName);
        collector.Requests.Should().OnlyContain(r => r.Method == "POST" && r.ContentType == "application/x-protobuf");
    }

    public void Dispose() => _data.Dispose();

    private static string Text(RecordingHttpListener collector, string path)
    {
        var bodies = collector.Requests.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)).ToArray();
        bodies.Should().NotBeEmpty($"the exporter posts to {path}");
        return string.Concat(bodies);
    }
}
