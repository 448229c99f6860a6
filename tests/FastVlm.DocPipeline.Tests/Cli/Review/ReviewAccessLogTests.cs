using FastVlm.DocPipeline.Cli.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>The access log's <see cref="ILogger"/> side, which the CLI exports over OpenTelemetry in Azure.</summary>
public sealed class ReviewAccessLogTests
{
    [Fact]
    public async Task Writes_and_refusals_go_to_the_logger_with_who_what_and_the_outcome_and_reads_do_not()
    {
        var logger = new RecordingLogger();
        var log = new ReviewAccessLog(null, logger, "tester");

        await log.InvokeAsync(Context("POST", "/api/documents/d1/approve", caller: ReviewCaller.Launcher), c => { c.Response.StatusCode = 200; return Task.CompletedTask; });
        await log.InvokeAsync(Context("GET", "/api/queue"), c => ReviewRefusal.WriteAsync(c, 421, "review.host_not_allowed", "no"));
        await log.InvokeAsync(Context("GET", "/api/queue", caller: ReviewCaller.Launcher), c => { c.Response.StatusCode = 200; return Task.CompletedTask; });

        logger.Records.Should().HaveCount(2);
        logger.Records[0].Level.Should().Be(LogLevel.Information);
        logger.Records[0].Message.Should().Be("Review write by tester: POST /api/documents/d1/approve -> 200");
        logger.Records[1].Level.Should().Be(LogLevel.Warning);
        logger.Records[1].Message.Should().Be("Review request refused for anonymous: GET /api/queue on host evil.example -> 421 review.host_not_allowed");
    }

    private static DefaultHttpContext Context(string method, string path, ReviewCaller? caller = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Host = new HostString("evil.example");
        context.Response.Body = new MemoryStream();
        caller?.AttachTo(context);
        return context;
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Records { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Records.Add((logLevel, formatter(state, exception)));
    }
}
