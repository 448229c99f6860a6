using System.Diagnostics;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Telemetry;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Workflow.InProcess;

/// <summary>
/// Gives one in-process document run its range spans: a range opens when its rasterise activity is called,
/// is current for that call and for the extraction of each page it rendered, and closes when the last of those
/// pages has settled (done or failed for good). The workflow itself stays free of telemetry, so Durable can
/// replay it.
/// </summary>
internal sealed class InProcessRangeTracker : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Range> _ranges = [];

    /// <summary>Makes the activity's range span current for this call (the caller is an async method, so it reverts on return).</summary>
    public void Enter(string activityName, object? input)
    {
        var range = activityName switch
        {
            ActivityNames.RasterizeRange when input is RasterizeRangeInput raster => Open(raster),
            ActivityNames.ExtractPage when input is ExtractPageInput page => Find(page.Page.Page),
            _ => null,
        };
        if (range?.Telemetry.Span is { } span)
        {
            Activity.Current = span;
        }
    }

    /// <summary>Reports the final outcome of an activity call (after any retries).</summary>
    public void Settled(string activityName, object? input, object? output, ErrorInfo? error)
    {
        switch (activityName)
        {
            case ActivityNames.RasterizeRange when input is RasterizeRangeInput raster:
                var range = Find(raster.FirstPage);
                if (range is null)
                {
                    return;
                }

                if (output is RasterizeRangeOutput rendered)
                {
                    range.Telemetry.Rendered(rendered.Pages.Count);
                    lock (_lock)
                    {
                        range.Pending = rendered.Pages.Count;
                    }
                }
                else
                {
                    range.Telemetry.Failed(error?.Code ?? "unknown", error?.Message ?? "The range could not be rasterised.");
                    lock (_lock)
                    {
                        range.Pending = 0;
                    }
                }

                CloseIfSettled(range);
                break;
            case ActivityNames.ExtractPage when input is ExtractPageInput page:
                var owner = Find(page.Page.Page);
                if (owner is not null)
                {
                    lock (_lock)
                    {
                        owner.Pending--;
                    }

                    CloseIfSettled(owner);
                }

                break;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var range in _ranges)
            {
                range.Telemetry.Dispose();
            }

            _ranges.Clear();
        }
    }

    private Range Open(RasterizeRangeInput input)
    {
        lock (_lock)
        {
            var existing = _ranges.Find(r => r.First == input.FirstPage);
            if (existing is not null)
            {
                return existing;
            }

            var count = input.LastPage - input.FirstPage + 1;
            var range = new Range(input.FirstPage, count, RangeTelemetry.Start(input.DocumentId, input.RunId, input.FirstPage, count));
            _ranges.Add(range);
            return range;
        }
    }

    private Range? Find(int page)
    {
        lock (_lock)
        {
            return _ranges.Find(r => page >= r.First && page < r.First + r.Count);
        }
    }

    private void CloseIfSettled(Range range)
    {
        lock (_lock)
        {
            if (range.Pending > 0)
            {
                return;
            }

            _ranges.Remove(range);
        }

        range.Telemetry.Dispose();
    }

    private sealed class Range(int first, int count, RangeTelemetry telemetry)
    {
        public int First { get; } = first;

        public int Count { get; } = count;

        public RangeTelemetry Telemetry { get; } = telemetry;

        /// <summary>Rendered pages not yet settled; int.MaxValue until the rasterisation has settled.</summary>
        public int Pending { get; set; } = int.MaxValue;
    }
}
