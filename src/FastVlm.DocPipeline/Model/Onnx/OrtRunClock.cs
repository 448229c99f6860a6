using System.Diagnostics;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>
/// Process-wide time spent inside ONNX Runtime's managed <c>Run</c> calls of the engine's sessions (all threads
/// together), so a benchmark can tell the engine's own overhead from the runtime's work. Costs two timestamp reads
/// and one interlocked add per run; allocates nothing.
/// </summary>
internal static class OrtRunClock
{
    private static long s_ticks;

    /// <summary>Total time inside <c>Run</c> since the process started.</summary>
    public static TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref s_ticks));

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public static void Stop(long startTimestamp) => Interlocked.Add(ref s_ticks, Stopwatch.GetTimestamp() - startTimestamp);
}
