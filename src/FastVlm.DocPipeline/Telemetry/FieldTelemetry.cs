using System.Diagnostics;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Telemetry;

/// <summary>The span of one field question, with the model's prefill and decode timings from its <see cref="GenerationResult"/>.</summary>
public sealed class FieldTelemetry : IDisposable
{
    private readonly Activity? _span;

    private FieldTelemetry(Activity? span) => _span = span;

    /// <summary>Starts the span as a child of the current one (the page span, which is current while its fields run).</summary>
    internal static FieldTelemetry Start(string fieldName)
    {
        var span = DocPipelineTelemetry.Source.StartActivity(DocPipelineTelemetry.FieldSpan, ActivityKind.Internal);
        span?.SetTag(TelemetryAttributes.Field, fieldName);
        return new FieldTelemetry(span);
    }

    /// <summary>Puts the generation's token counts and timings on the span and into the histograms.</summary>
    public void Record(GenerationResult generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var timings = generation.Timings;
        DocPipelineMetrics.Fields.Add(1);
        DocPipelineMetrics.TimeToFirstToken.Record(timings.TimeToFirstToken.TotalSeconds);
        if (timings.DecodedTokens > 0 && timings.Decode > TimeSpan.Zero)
        {
            DocPipelineMetrics.TokensPerSecond.Record(timings.DecodeTokensPerSecond);
        }

        if (_span is null)
        {
            return;
        }

        _span.SetTag(TelemetryAttributes.PrefillMs, PageTelemetry.Milliseconds(timings.Prefill));
        _span.SetTag(TelemetryAttributes.TimeToFirstTokenMs, PageTelemetry.Milliseconds(timings.TimeToFirstToken));
        _span.SetTag(TelemetryAttributes.DecodeMs, PageTelemetry.Milliseconds(timings.Decode));
        _span.SetTag(TelemetryAttributes.DecodedTokens, timings.DecodedTokens);
        _span.SetTag(TelemetryAttributes.TokensPerSecond, Math.Round(timings.DecodeTokensPerSecond, 2));
        _span.SetTag(TelemetryAttributes.InputTokens, generation.PromptTokenCount);
        _span.SetTag(TelemetryAttributes.OutputTokens, generation.TokenIds.Count);
        _span.SetTag(TelemetryAttributes.FinishReason, generation.FinishReason == FinishReason.Stop ? "stop" : "length");
        _span.SetStatus(ActivityStatusCode.Ok);
    }

    public void Dispose() => _span?.Dispose();
}
