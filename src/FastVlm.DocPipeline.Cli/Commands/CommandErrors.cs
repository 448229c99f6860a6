using System.CommandLine;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Imaging;
using Microsoft.ML.OnnxRuntime;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>Runs a command body and maps failures to a one-line message on stderr and an exit code.</summary>
internal static class CommandErrors
{
    public const string VerboseEnvironmentVariable = "DOCPIPE_VERBOSE";

    /// <summary><c>--verbose</c>, on every command: unexpected errors print their stack trace.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose") { Description = $"Print the stack trace of unexpected errors (also env {VerboseEnvironmentVariable}=1).", Recursive = true };

    /// <summary>Runs <paramref name="body"/> with stderr and <c>--verbose</c> taken from <paramref name="parseResult"/>.</summary>
    public static Task<int> RunAsync(ParseResult parseResult, Func<Task<int>> body) =>
        RunAsync(parseResult.InvocationConfiguration.Error, body, IsVerbose(parseResult));

    /// <summary>True when <c>--verbose</c> was given (not merely defaulted).</summary>
    public static bool IsVerbose(ParseResult parseResult) => parseResult.GetResult(Verbose) is { Implicit: false };

    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body, bool verbose = false)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await ReportAsync(error, ex, verbose).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the one-line report of <paramref name="exception"/> and returns its exit code.</summary>
    public static async Task<int> ReportAsync(TextWriter error, Exception exception, bool verbose)
    {
        switch (exception)
        {
            case CliUsageException ex:
                await error.WriteLineAsync($"error [{ex.Code}]: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            case DocPipelineException ex:
                await error.WriteLineAsync($"error [{ex.Code}]: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            case FileNotFoundException or DirectoryNotFoundException:
                await error.WriteLineAsync($"error [io.not_found]: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            case UnauthorizedAccessException:
                await error.WriteLineAsync($"error [io.access_denied]: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            case OutOfMemoryException or OnnxRuntimeException when IsAllocationFailure(exception):
                await error.WriteLineAsync(
                    $"error [model.out_of_memory]: the model could not allocate memory for its tensors ({exception.Message.Trim()}). " +
                    "Its image size or context may be too large for this machine: use a model with a smaller image size, free memory, or run it on a larger machine.").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            case OperationCanceledException:
                await error.WriteLineAsync("cancelled").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            default:
                verbose |= Environment.GetEnvironmentVariable(VerboseEnvironmentVariable) is "1" or "true";
                await error.WriteLineAsync(verbose
                    ? $"internal error: {exception}"
                    : $"internal error [internal]: {exception.GetType().Name}: {exception.Message} (run again with --verbose for the stack trace, and report it)").ConfigureAwait(false);
                return ExitCodes.InternalError;
        }
    }

    private static bool IsAllocationFailure(Exception exception) =>
        exception is OutOfMemoryException
        || exception.Message.Contains("bad_alloc", StringComparison.Ordinal)
        || exception.Message.Contains("Failed to allocate", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an image file (PNG, JPEG, WebP, BMP, GIF) into RGB pixels.</summary>
    public static async Task<RgbImage> ReadImageAsync(string path, CancellationToken cancellationToken)
    {
        var status = FileEntryStatus.Of(path);
        if (status.Kind == FileEntryKind.Missing)
        {
            throw new CliUsageException("input.not_found", $"The image file '{SafeText.Escape(path)}' does not exist.");
        }

        if (!status.IsRegularFile)
        {
            throw new CliUsageException("input.not_regular_file", $"{SafeText.Escape(path)} is {FileEntryStatus.Describe(status.Kind)}, not a regular file; docpipe reads regular files only (a pipe or device may block or never end).");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return ImageDecoder.Decode(bytes);
    }
}
