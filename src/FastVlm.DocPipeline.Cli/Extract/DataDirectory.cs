using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>Where results live: <c>--data</c>, else <c>DOCPIPE_DATA</c>, else <c>./.data</c>.</summary>
internal static class DataDirectory
{
    public const string EnvironmentVariable = "DOCPIPE_DATA";

    public static string Resolve(string? option) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : ".data");

    public static string Results(string root) => root;

    public static string PageImages(string root) => Path.Combine(root, "pages");

    /// <summary>
    /// Makes sure results can be written to <paramref name="root"/> before any document is processed, so a
    /// configuration mistake is one error instead of a transient failure retried for every document.
    /// </summary>
    /// <summary>
    /// Room the store needs below the data folder for its deepest path
    /// (<c>documents/&lt;id&gt;/runs/&lt;run id&gt;/pages/&lt;page&gt;.json</c> and a temp suffix, about 150 characters, with margin).
    /// </summary>
    public const int RoomForResults = 256;

    /// <exception cref="CliUsageException">The folder is a file, a dangling link, too long to hold results, or cannot be created or written.</exception>
    public static void EnsureWritable(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var length = System.Text.Encoding.UTF8.GetByteCount(root);
        if (length + RoomForResults > FileSystemErrors.MaxPathLength)
        {
            throw new CliUsageException(
                FileSystemErrors.PathTooLong,
                $"The data folder path is {length:N0} bytes long; results below it need {RoomForResults} more, over the file system's limit of {FileSystemErrors.MaxPathLength:N0}. Pass a folder at most {FileSystemErrors.MaxPathLength - RoomForResults:N0} bytes long with --data (or {EnvironmentVariable}).");
        }

        OutputFolder.EnsureWritable(root, "The data folder", "data", $"Pass a writable folder with --data (or {EnvironmentVariable}).");
    }
}
