using System.Diagnostics;

namespace FastVlm.DocPipeline.Telemetry;

/// <summary>
/// The span of a bounded page range: its rasterisation and the extraction of the pages it rendered. Hosts make
/// it current around the range's activities so their page spans nest under it.
/// </summary>
public sealed class RangeTelemetry : IDisposable
{
    private bool _disposed;

    private RangeTelemetry(Activity? span) => Span = span;

    /// <summary>The span, or null when nothing listens to <see cref="DocPipelineTelemetry.Source"/>.</summary>
    public Activity? Span { get; }

    /// <summary>Starts the range span as a child of the current span (the document's).</summary>
    public static RangeTelemetry Start(string documentId, string runId, int firstPage, int maxPages)
    {
        var span = DocPipelineTelemetry.Source.StartActivity(DocPipelineTelemetry.RangeSpan, ActivityKind.Internal);
        span?.SetTag(TelemetryAttributes.DocumentId, documentId);
        span?.SetTag(TelemetryAttributes.RunId, runId);
        span?.SetTag(TelemetryAttributes.RangeFirstPage, firstPage);
        span?.SetTag(TelemetryAttributes.RangeMaxPages, maxPages);
        return new RangeTelemetry(span);
    }

    /// <summary>Records how many pages the range rendered for extraction.</summary>
    public void Rendered(int pages) => Span?.SetTag(TelemetryAttributes.RangePages, pages);

    /// <summary>Marks the range's rasterisation as failed for good.</summary>
    public void Failed(string code, string message)
    {
        Span?.SetTag(TelemetryAttributes.ErrorType, code);
        Span?.SetStatus(ActivityStatusCode.Error, message);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Span is { Status: ActivityStatusCode.Unset })
        {
            Span.SetStatus(ActivityStatusCode.Ok);
        }

        Span?.Dispose();
    }
}
