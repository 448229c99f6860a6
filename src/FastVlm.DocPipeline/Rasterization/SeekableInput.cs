namespace FastVlm.DocPipeline.Rasterization;

/// <summary>
/// Gives the rasteriser a seekable view of the input with a known length under the size limit. Seekable streams
/// are used in place; others are spooled to a temporary file (deleted on close), stopping as soon as the limit is passed.
/// </summary>
internal static class SeekableInput
{
    public static async Task<(Stream Stream, long Origin, long Length, bool Owns)> PrepareAsync(
        Stream content, long maxBytes, string displayName, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            var origin = content.Position;
            var length = content.Length - origin;
            if (length > maxBytes)
            {
                throw TooLarge(displayName, length, maxBytes);
            }

            return (content, origin, length, false);
        }

        var path = Path.Combine(Path.GetTempPath(), $"docpipe-{Guid.NewGuid():N}.tmp");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw TooLarge(displayName, total, maxBytes, atLeast: true);
                }

                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await spool.FlushAsync(cancellationToken).ConfigureAwait(false);
            return (spool, 0, total, true);
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static RasterizationException TooLarge(string displayName, long size, long maxBytes, bool atLeast = false) =>
        new(RasterizationErrorCodes.TooLarge,
            $"{displayName} is {(atLeast ? "more than " : string.Empty)}{size:N0} bytes; the limit is {maxBytes:N0} (RasterizationOptions.MaxInputBytes).");
}
