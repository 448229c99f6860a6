using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>
/// The deadline and cancellation of the render in progress, read by PDFium's pause callback between page objects.
/// Only one render runs at a time (the PDFium lock), so one slot suffices; set and cleared under the lock.
/// </summary>
internal static class PdfRenderBudget
{
    private static long deadlineTimestamp = long.MaxValue;
    private static CancellationToken cancellation;

    public static void Begin(long deadline, CancellationToken cancellationToken)
    {
        deadlineTimestamp = deadline;
        cancellation = cancellationToken;
    }

    public static void End()
    {
        deadlineTimestamp = long.MaxValue;
        cancellation = default;
    }

    public static bool IsExhausted => cancellation.IsCancellationRequested || System.Diagnostics.Stopwatch.GetTimestamp() > deadlineTimestamp;

    [UnmanagedCallersOnly]
    public static unsafe int NeedToPauseNow(PdfiumNative.Pause* pause) => IsExhausted ? 1 : 0;
}
