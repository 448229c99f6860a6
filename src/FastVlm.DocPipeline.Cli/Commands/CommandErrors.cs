using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>Runs a command body and maps failures to a one-line message on stderr and an exit code.</summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }
        catch (DocPipelineException ex)
        {
            await error.WriteLineAsync($"error [{ex.Code}]: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Reads an image file (PNG, JPEG, WebP, BMP, GIF) into RGB pixels.</summary>
    public static async Task<RgbImage> ReadImageAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The image file '{path}' does not exist.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return ImageDecoder.Decode(bytes);
    }
}
