using System.Diagnostics.Metrics;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Telemetry;

/// <summary>
/// The instruments of <see cref="DocPipelineTelemetry.Meter"/>. Durations are in seconds, as the OpenTelemetry
/// semantic conventions ask; counts carry the outcome (or stage and error code) as their only tags.
/// </summary>
public static class DocPipelineMetrics
{
    public const string DocumentsName = "docpipe.documents";
    public const string PagesName = "docpipe.pages";
    public const string FieldsName = "docpipe.fields";
    public const string FailuresName = "docpipe.failures";
    public const string DocumentDurationName = "docpipe.document.duration";
    public const string PageDurationName = "docpipe.page.duration";
    public const string EncodeDurationName = "docpipe.model.encode.duration";
    public const string TimeToFirstTokenName = "docpipe.model.time_to_first_token";
    public const string TokensPerSecondName = "docpipe.model.tokens_per_second";

    /// <summary><see cref="TelemetryAttributes.Stage"/> of a failed attempt at a page (it may be retried).</summary>
    public const string PageAttemptStage = "page_attempt";

    /// <summary><see cref="TelemetryAttributes.Stage"/> of a page that failed for good (after its retries).</summary>
    public const string PageStage = "page";

    /// <summary><see cref="TelemetryAttributes.Stage"/> of a document that failed as a whole.</summary>
    public const string DocumentStage = "document";

    internal static Counter<long> Documents { get; } =
        DocPipelineTelemetry.Meter.CreateCounter<long>(DocumentsName, "{document}", "Documents finished, by status.");

    internal static Counter<long> Pages { get; } =
        DocPipelineTelemetry.Meter.CreateCounter<long>(PagesName, "{page}", "Pages finished, by outcome (done or failed).");

    internal static Counter<long> Fields { get; } =
        DocPipelineTelemetry.Meter.CreateCounter<long>(FieldsName, "{field}", "Field questions answered by the model.");

    internal static Counter<long> Failures { get; } =
        DocPipelineTelemetry.Meter.CreateCounter<long>(FailuresName, "{failure}", "Failures, by stage and error code.");

    internal static Histogram<double> DocumentDuration { get; } =
        DocPipelineTelemetry.Meter.CreateHistogram<double>(DocumentDurationName, "s", "Wall time of one document run.");

    internal static Histogram<double> PageDuration { get; } =
        DocPipelineTelemetry.Meter.CreateHistogram<double>(PageDurationName, "s", "Wall time of one page extraction (encode and every field).");

    internal static Histogram<double> EncodeDuration { get; } =
        DocPipelineTelemetry.Meter.CreateHistogram<double>(EncodeDurationName, "s", "Vision encoder time of one page.");

    internal static Histogram<double> TimeToFirstToken { get; } =
        DocPipelineTelemetry.Meter.CreateHistogram<double>(TimeToFirstTokenName, "s", "Time from the question to its first generated token.");

    internal static Histogram<double> TokensPerSecond { get; } =
        DocPipelineTelemetry.Meter.CreateHistogram<double>(TokensPerSecondName, "{token}/s", "Decode speed of one answer.");

    /// <summary>
    /// Counts a finished document: its status, its pages that failed for good and why, and the document's own
    /// error. Hosts without <see cref="DocumentTelemetry"/> (the Functions app) call this where the run completes.
    /// </summary>
    public static void DocumentFinished(DocumentStatus status, IEnumerable<string> failedPageCodes, string? documentErrorCode, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(failedPageCodes);
        var statusTag = new KeyValuePair<string, object?>(TelemetryAttributes.Status, StatusName(status));
        Documents.Add(1, statusTag);
        foreach (var code in failedPageCodes)
        {
            Pages.Add(1, new KeyValuePair<string, object?>(TelemetryAttributes.Outcome, "failed"));
            Failure(PageStage, code);
        }

        if (documentErrorCode is not null)
        {
            Failure(DocumentStage, documentErrorCode);
        }

        if (duration is { } elapsed)
        {
            DocumentDuration.Record(elapsed.TotalSeconds, statusTag);
        }
    }

    /// <summary>The status as stored (<c>completed</c>, <c>failed</c>, …).</summary>
    public static string StatusName(DocumentStatus status) => status.ToString().ToLowerInvariant();

    internal static void Failure(string stage, string code) =>
        Failures.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryAttributes.Stage, stage),
            new KeyValuePair<string, object?>(TelemetryAttributes.ErrorType, code));
}
