using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>
/// Loads and initialises PDFium once per process and owns the process-wide lock.
/// </summary>
/// <remarks>
/// PDFium is not thread-safe: every call into it, from any document, happens while holding <see cref="EnterLock"/>
/// (a re-entrant monitor, so releasing a handle inside a locked region is fine). Rendering is therefore serial
/// within a process; throughput across cores comes from more worker processes or replicas, and the pipeline
/// overlaps rasterising page n+1 with the model working on page n.
///
/// The library is found, in order: <see cref="RasterizationOptions.PdfiumLibraryPath"/> (first load wins),
/// the <c>DOCPIPE_PDFIUM_PATH</c> environment variable, <c>libpdfium.so</c> next to the application, and the
/// repository's <c>.tools/pdfium/libpdfium.so</c> (searched upwards from the application directory, where
/// <c>scripts/setup-pdfium.sh</c> puts it).
/// </remarks>
internal static unsafe class PdfiumLibrary
{
    public const string PathEnvironmentVariable = "DOCPIPE_PDFIUM_PATH";

    private const string FileName = "libpdfium.so";
    private static readonly Lock Gate = new();
    private static PdfiumNative? native;

    public static Lock.Scope EnterLock() => Gate.EnterScope();

    /// <summary>The bound API; loads and initialises the library on first use. Call while holding the lock.</summary>
    public static PdfiumNative Native => native ?? throw new InvalidOperationException("PDFium is not loaded yet.");

    /// <exception cref="RasterizationException"><c>pdfium.missing</c> when no usable library is found.</exception>
    public static PdfiumNative EnsureLoaded(string? configuredPath)
    {
        using var scope = EnterLock();
        if (native is not null)
        {
            return native;
        }

        var tried = new List<string>();
        foreach (var (candidate, isExplicit) in Candidates(configuredPath))
        {
            tried.Add(candidate);
            if (!File.Exists(candidate))
            {
                if (isExplicit)
                {
                    // A path the user configured must not be silently replaced by another copy.
                    throw new RasterizationException(
                        RasterizationErrorCodes.NativeLibraryMissing,
                        $"PDFium was configured at '{candidate}' (RasterizationOptions.PdfiumLibraryPath or {PathEnvironmentVariable}) but no file is there. Run scripts/setup-pdfium.sh and point it at .tools/pdfium/libpdfium.so, or unset it.");
                }

                continue;
            }

            if (!NativeLibrary.TryLoad(candidate, out var handle))
            {
                throw new RasterizationException(
                    RasterizationErrorCodes.NativeLibraryMissing,
                    $"PDFium at '{candidate}' could not be loaded (wrong architecture or a damaged file). Run scripts/setup-pdfium.sh, or point {PathEnvironmentVariable} at a Linux x64 libpdfium.so.");
            }

            var bound = PdfiumNative.Bind(handle);
            var config = new PdfiumNative.LibraryConfig { Version = 2 };
            bound.InitLibraryWithConfig(&config);
            native = bound;
            return bound;
        }

        throw new RasterizationException(
            RasterizationErrorCodes.NativeLibraryMissing,
            "PDFium (libpdfium.so) was not found. Run scripts/setup-pdfium.sh from the repository root, or set " +
            $"{PathEnvironmentVariable} (or RasterizationOptions.PdfiumLibraryPath) to its path. Looked at: {string.Join(", ", tried)}.");
    }

    private static IEnumerable<(string Path, bool IsExplicit)> Candidates(string? configuredPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            yield return (Path.GetFullPath(configuredPath), true);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(PathEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return (Path.GetFullPath(fromEnvironment), true);
        }

        var baseDirectory = AppContext.BaseDirectory;
        yield return (Path.Combine(baseDirectory, FileName), false);
        yield return (Path.Combine(baseDirectory, "runtimes", "linux-x64", "native", FileName), false);

        for (var directory = new DirectoryInfo(baseDirectory); directory is not null; directory = directory.Parent)
        {
            yield return (Path.Combine(directory.FullName, ".tools", "pdfium", FileName), false);
        }
    }
}
