using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Cli.Review.Cloud;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>
/// <see cref="ReviewServer"/> on a free loopback port over a fresh <see cref="ReviewTestData"/> folder; reviewer "tester".
/// <see cref="Http"/> proves it started the server (<c>Authorization: Bearer</c> with the launch token);
/// <see cref="Anonymous"/> is any other local process, without it. The access log goes to <see cref="AccessLog"/>.
/// </summary>
internal sealed class RunningReviewServer : IAsyncDisposable
{
    public const string Reviewer = "tester";

    private readonly ScratchDirectory _data;

    private RunningReviewServer(ScratchDirectory data, ReviewServer server, StringWriter log)
    {
        _data = data;
        AccessLog = log;
        Server = server;
        Store = new FileResultStore(data.Path);
        var address = server.Address.Host is "0.0.0.0" or "[::]" ? new Uri($"http://127.0.0.1:{server.Address.Port}") : server.Address;
        Http = new HttpClient { BaseAddress = address };
        if (server.LaunchToken is { } token)
        {
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Value);
        }

        Anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
    }

    /// <summary>Lines of the server's access log so far.</summary>
    public static string[] Lines(StringWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        lock (log)
        {
            return log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public HttpClient Anonymous { get; }

    public StringWriter AccessLog { get; }

    public ReviewServer Server { get; }

    public FileResultStore Store { get; }

    public HttpClient Http { get; }

    public string DataDirectory => _data.Path;

    public static async Task<RunningReviewServer> StartAsync(IReviewerIdentity? identity = null, string host = "127.0.0.1", IReadOnlyList<string>? publicHosts = null)
    {
        var data = new ScratchDirectory("docpipe-review");
        await ReviewTestData.WriteAsync(data.Path);
        var log = new StringWriter();
        var server = await ReviewServer.StartAsync(
            new FileResultStore(data.Path),
            new FilePageImageStore(Path.Combine(data.Path, "pages")),
            identity ?? ReviewIdentity.Local(Reviewer),
            new ReviewServerOptions { Host = host, Port = 0, PublicHosts = publicHosts ?? [], AccessLog = new ReviewAccessLog(TextWriter.Synchronized(log), null, Reviewer), ErrorLog = TextWriter.Synchronized(log) },
            CancellationToken.None);
        return new RunningReviewServer(data, server, log);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await Server.DisposeAsync();
        _data.Dispose();
    }
}
