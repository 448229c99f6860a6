using System.Globalization;

namespace FastVlm.DocPipeline.Contracts;

/// <summary>
/// Stable codes for file-system errors that come from the environment, not from a document. Each is permanent:
/// trying the same path again gives the same answer, so a workflow fails it at once instead of retrying it.
/// Anything not listed here (a sharing violation, an interrupted call) stays a plain, retried I/O error.
/// </summary>
public static class FileSystemErrors
{
    /// <summary>A path is longer than the system allows (Linux: 4,095 bytes; one name: 255). Use a shorter folder.</summary>
    public const string PathTooLong = "io.path_too_long";

    /// <summary>The process may not read or write a path. Fix its permissions or pass another folder.</summary>
    public const string AccessDenied = "io.access_denied";

    /// <summary>The disk or quota is full. Free space, or pass a folder on another disk.</summary>
    public const string DiskFull = "io.disk_full";

    /// <summary>The file system is mounted read-only. Pass a writable folder.</summary>
    public const string ReadOnly = "io.read_only";

    // Linux errno values that .NET reports in the low 16 bits of IOException.HResult.
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int ENAMETOOLONG = 36;
    private const int EDQUOT = 122;

    /// <summary>The most a path may be on Linux (PATH_MAX less its terminating NUL).</summary>
    public const int MaxPathLength = 4095;

    /// <summary>The permanent, coded error an exception stands for; null when it is none of them (retry may help).</summary>
    public static DocPipelineException? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var code = e switch
            {
                PathTooLongException => PathTooLong,
                UnauthorizedAccessException => AccessDenied,
                IOException io => (io.HResult & 0xFFFF) switch
                {
                    ENAMETOOLONG => PathTooLong,
                    ENOSPC or EDQUOT => DiskFull,
                    EROFS => ReadOnly,
                    _ => null,
                },
                _ => null,
            };
            if (code is not null)
            {
                return new DocPipelineException(code, Describe(code, e.Message), e);
            }
        }

        return null;
    }

    private static string Describe(string code, string detail) => code switch
    {
        PathTooLong => string.Create(CultureInfo.InvariantCulture, $"A path is too long for the file system ({detail}). Use a shorter --data folder or file names; not retried."),
        AccessDenied => $"Access to a path was denied ({detail}). Fix its permissions or use another folder; not retried.",
        DiskFull => $"The disk or quota is full ({detail}). Free space or use a folder on another disk; not retried.",
        _ => $"The file system is read-only ({detail}). Use a writable folder; not retried.",
    };
}
