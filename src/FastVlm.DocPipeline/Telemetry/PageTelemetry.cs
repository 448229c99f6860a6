using System.Diagnostics;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Telemetry;

/// <summary>
/// The span and metrics of one attempt at extracting a page. Start it where the page's work starts, report
/// the encoded image, open a <see cref="FieldTelemetry"/> per question and call <see cref="Complete"/> at the
/// end; disposing it without <see cref="Complete"/> records a failed attempt (the exception went past it).
/// </summary>
public sealed class PageTelemetry : IDisposable
{
    private readonly Activity? _span;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _completed;
    private bool _disposed;

    private PageTelemetry(Activity? span) => _span = span;

    /// <summary>Starts the page span as a child of the current span (the range, or the host's activity span).</summary>
    public static PageTelemetry Start(string documentId, string runId, int page)
    {
        var span = DocPipelineTelemetry.Source.StartActivity(DocPipelineTelemetry.PageSpan, ActivityKind.Internal);
        span?.SetTag(TelemetryAttributes.DocumentId, documentId);
        span?.SetTag(TelemetryAttributes.RunId, runId);
        span?.SetTag(TelemetryAttributes.Page, page);
        return new PageTelemetry(span);
    }

    /// <summary>Records the vision encoder's time and the image tokens of the page.</summary>
    public void Encoded(IEncodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        _span?.SetTag(TelemetryAttributes.EncodeMs, Milliseconds(image.EncodeTime));
        _span?.SetTag(TelemetryAttributes.ImageTokens, image.ImageTokenCount);
        DocPipelineMetrics.EncodeDuration.Record(image.EncodeTime.TotalSeconds);
    }

    /// <summary>Starts the span of one field question, a child of this page's span.</summary>
    public FieldTelemetry StartField(string fieldName) => FieldTelemetry.Start(fieldName);

    /// <summary>Marks the page done: its span ends with status OK and it counts as a done page.</summary>
    public void Complete(int fieldCount)
    {
        _completed = true;
        _span?.SetTag(TelemetryAttributes.FieldCount, fieldCount);
        _span?.SetTag(TelemetryAttributes.Outcome, "done");
        _span?.SetStatus(ActivityStatusCode.Ok);
        DocPipelineMetrics.Pages.Add(1, new KeyValuePair<string, object?>(TelemetryAttributes.Outcome, "done"));
        DocPipelineMetrics.PageDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_completed)
        {
            _span?.SetTag(TelemetryAttributes.Outcome, "failed");
            _span?.SetStatus(ActivityStatusCode.Error, "The page attempt ended with an exception.");
            DocPipelineMetrics.Failure(DocPipelineMetrics.PageAttemptStage, "page.attempt_failed");
        }

        _span?.Dispose();
    }

    internal static double Milliseconds(TimeSpan time) => Math.Round(time.TotalMilliseconds, 3);
}
