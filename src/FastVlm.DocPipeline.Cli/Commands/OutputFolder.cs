using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>Checks that a folder the command writes to is a folder and writable, before any work starts.</summary>
internal static class OutputFolder
{
    /// <param name="what">How the message names the folder, e.g. "The --out folder".</param>
    /// <param name="codePrefix">The error code's prefix, e.g. <c>rasterize.out</c> gives <c>rasterize.out_not_writable</c>.</param>
    /// <param name="fix">What the user can do, e.g. "Pass another --out."</param>
    /// <exception cref="CliUsageException">It is a file, a dangling link, or cannot be created or written.</exception>
    public static void EnsureWritable(string path, string what, string codePrefix, string fix)
    {
        var status = FileEntryStatus.Of(path);
        if (status.Kind == FileEntryKind.Missing && new FileInfo(path).LinkTarget is { } target)
        {
            throw new CliUsageException($"{codePrefix}_dangling_link", $"{what} {SafeText.Escape(path)} is a symbolic link to {SafeText.Escape(target)}, which does not exist. {fix}");
        }

        if (status.Kind is not (FileEntryKind.Missing or FileEntryKind.Directory))
        {
            throw new CliUsageException($"{codePrefix}_not_a_folder", $"{what} {SafeText.Escape(path)} is {FileEntryStatus.Describe(status.Kind)}, not a folder. {fix}");
        }

        var probe = Path.Combine(path, $".write-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(path);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{codePrefix}_not_writable", $"{what} {SafeText.Escape(path)} cannot be written ({e.Message}). {fix}");
        }
    }
}
