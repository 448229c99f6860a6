using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// Turns whatever an activity call threw into a stored error. Hosts that lose exception types (Durable
/// reports a <c>TaskFailedException</c> with the message only) keep the code by writing messages as
/// <c>[code] message</c>: use <see cref="FormatMessage"/> when an activity function rethrows.
/// </summary>
public static partial class ActivityFailure
{
    public const string UnknownCode = "activity.failed";

    public static string FormatMessage(Exception exception) =>
        (exception as DocPipelineException ?? FileSystemErrors.Classify(exception)) is { } e
            ? $"[{e.Code}] {e.Message}"
            : $"[{UnknownCode}] {exception.GetType().Name}: {exception.Message}";

    public static ErrorInfo ToError(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ActivityFailedException failed => new ErrorInfo(failed.Code, failed.ActivityMessage),
            DocPipelineException e => new ErrorInfo(e.Code, e.Message),
            _ when FileSystemErrors.Classify(exception) is { } io => new ErrorInfo(io.Code, io.Message),
            _ => FromMessage(exception),
        };
    }

    public static int AttemptsOf(Exception exception, ActivityRetryPolicy policy) =>
        exception is ActivityFailedException failed ? failed.Attempts : policy.MaxNumberOfAttempts;

    private static ErrorInfo FromMessage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var match = CodePattern().Match(e.Message);
            if (match.Success)
            {
                return new ErrorInfo(match.Groups[1].Value, e.Message[(match.Index + match.Length)..].Trim());
            }
        }

        return new ErrorInfo(UnknownCode, $"{exception.GetType().Name}: {exception.Message}");
    }

    [GeneratedRegex(@"\[([a-z][a-z0-9_]*\.[a-z0-9_.]+)\]")]
    private static partial Regex CodePattern();
}
