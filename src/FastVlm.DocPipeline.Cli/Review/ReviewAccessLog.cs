using System.Globalization;
using FastVlm.DocPipeline.Cli.Commands;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// The review server's access log: every write and every refused request (status 400 and up), with who, what, when
/// and the outcome. One line per event on the console (<c>docpipe review access: …</c>, values escaped so a
/// crafted name or path cannot forge a line), and the same event through <see cref="ILogger"/>, which the CLI's
/// OpenTelemetry setup exports when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (in Azure). Locally the caller who holds
/// the launch token is <c>launcher</c>: the OS user who started the server.
/// </summary>
internal sealed partial class ReviewAccessLog(TextWriter? console, ILogger? logger, string launcher = "launcher", TimeProvider? time = null)
{
    public const string LinePrefix = "docpipe review access:";

    private const int MaxValueLength = 200;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Logs nothing.</summary>
    public static ReviewAccessLog None { get; } = new(null, null);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var writes = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
            if (writes || status >= StatusCodes.Status400BadRequest)
            {
                Record(context, status);
            }
        }
    }

    private void Record(HttpContext context, int status)
    {
        var caller = ReviewCaller.Of(context);
        var who = caller switch
        {
            { Principal: { } principal } => principal.Name,
            { LaunchedServer: true } => launcher,
            _ => "anonymous",
        };
        var request = context.Request;
        var what = $"{request.Method} {request.Path.ToUriComponent()}";
        var code = ReviewRefusal.CodeOf(context) ?? "-";
        var outcome = status < StatusCodes.Status400BadRequest ? "allowed" : "refused";
        var when = _time.GetUtcNow();
        if (console is not null)
        {
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{LinePrefix} time={when:yyyy-MM-ddTHH:mm:ss.fffZ} who=\"{Clean(who)}\" what=\"{Clean(what)}\" host=\"{Clean(request.Host.Value)}\" from={context.Connection.RemoteIpAddress} outcome={outcome} status={status} code={code}");
            lock (_gate)
            {
                console.WriteLine(line);
                console.Flush();
            }
        }

        if (logger is not null)
        {
            if (outcome == "allowed")
            {
                Allowed(logger, Clean(who), Clean(what), status);
            }
            else
            {
                Refused(logger, Clean(who), Clean(what), Clean(request.Host.Value), status, code);
            }
        }
    }

    private static string Clean(string? value)
    {
        var text = SafeText.Escape(value ?? "").Replace("\"", "\\\"", StringComparison.Ordinal);
        return text.Length <= MaxValueLength ? text : text[..MaxValueLength] + "…";
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Review write by {Who}: {What} -> {Status}")]
    private static partial void Allowed(ILogger logger, string who, string what, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Review request refused for {Who}: {What} on host {Host} -> {Status} {Code}")]
    private static partial void Refused(ILogger logger, string who, string what, string host, int status, string code);
}
