namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// Removes the temp files (<c>.{name}.{guid}.tmp</c>) that <see cref="AtomicFile"/> writes, when a crashed or killed
/// process left them behind. Only files older than <see cref="MinimumAge"/> go: a write in flight in another
/// process takes well under a second, so a younger temp file may still be renamed into place.
/// </summary>
public static class StaleTempFiles
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(5);

    /// <returns>How many were removed.</returns>
    public static int Sweep(string root, TimeProvider? clock = null)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var cutoff = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime - MinimumAge;
        var removed = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, MaxRecursionDepth = 8 };
        foreach (var file in Directory.EnumerateFiles(root, $".*{AtomicFile.TempSuffix}", options))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                    removed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another sweeper got there first, or the folder is not ours to clean.
            }
        }

        return removed;
    }
}
