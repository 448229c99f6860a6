using System.Diagnostics;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Telemetry;

/// <summary>
/// The root span and document metrics of one run on a host that runs the whole workflow in this process.
/// Disposing it without <see cref="Complete"/> marks the run as ended by an exception (cancelled or the store
/// unreachable).
/// </summary>
public sealed class DocumentTelemetry : IDisposable
{
    private readonly Activity? _span;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _completed;
    private bool _disposed;

    private DocumentTelemetry(Activity? span) => _span = span;

    public static DocumentTelemetry Start(string sourceName, string schemaName)
    {
        var span = DocPipelineTelemetry.Source.StartActivity(DocPipelineTelemetry.DocumentSpan, ActivityKind.Internal);
        span?.SetTag(TelemetryAttributes.Source, sourceName);
        span?.SetTag(TelemetryAttributes.Schema, schemaName);
        return new DocumentTelemetry(span);
    }

    /// <summary>Ends the run with its outcome: span status and tags, then <see cref="DocPipelineMetrics.DocumentFinished"/>.</summary>
    public void Complete(
        string documentId,
        string runId,
        DocumentStatus status,
        bool needsReview,
        int pageCount,
        int pagesExtracted,
        IReadOnlyList<PageFailure> failedPages,
        ErrorInfo? error)
    {
        ArgumentNullException.ThrowIfNull(failedPages);
        _completed = true;
        if (_span is not null)
        {
            _span.SetTag(TelemetryAttributes.DocumentId, documentId);
            _span.SetTag(TelemetryAttributes.RunId, runId);
            _span.SetTag(TelemetryAttributes.Status, DocPipelineMetrics.StatusName(status));
            _span.SetTag(TelemetryAttributes.NeedsReview, needsReview);
            _span.SetTag(TelemetryAttributes.PageCount, pageCount);
            _span.SetTag(TelemetryAttributes.PagesExtracted, pagesExtracted);
            _span.SetTag(TelemetryAttributes.PagesFailed, failedPages.Count);
            if (status == DocumentStatus.Failed)
            {
                _span.SetTag(TelemetryAttributes.ErrorType, error?.Code ?? failedPages.FirstOrDefault()?.Code);
                _span.SetStatus(ActivityStatusCode.Error, error?.Message ?? "Every page failed.");
            }
            else
            {
                _span.SetStatus(ActivityStatusCode.Ok);
            }
        }

        DocPipelineMetrics.DocumentFinished(status, failedPages.Select(p => p.Code), error?.Code, Stopwatch.GetElapsedTime(_started));
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
            _span?.SetStatus(ActivityStatusCode.Error, "The run ended with an exception before its outcome was stored.");
        }

        _span?.Dispose();
    }
}
