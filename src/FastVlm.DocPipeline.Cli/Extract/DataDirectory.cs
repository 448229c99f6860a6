using FastVlm.DocPipeline.Cli.Commands;

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
    /// <exception cref="CliUsageException">The folder is a file, a dangling link, or cannot be created or written.</exception>
    public static void EnsureWritable(string root) =>
        OutputFolder.EnsureWritable(root, "The data folder", "data", $"Pass a writable folder with --data (or {EnvironmentVariable}).");
}
