using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Cli.Review.Cloud;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary><see cref="ReviewServer"/> on a free loopback port over a fresh <see cref="ReviewTestData"/> folder; reviewer "tester".</summary>
internal sealed class RunningReviewServer : IAsyncDisposable
{
    public const string Reviewer = "tester";

    private readonly ScratchDirectory _data;

    private RunningReviewServer(ScratchDirectory data, ReviewServer server)
    {
        _data = data;
        Server = server;
        Store = new FileResultStore(data.Path);
        Http = new HttpClient { BaseAddress = server.Address };
    }

    public ReviewServer Server { get; }

    public FileResultStore Store { get; }

    public HttpClient Http { get; }

    public string DataDirectory => _data.Path;

    public static async Task<RunningReviewServer> StartAsync(IReviewerIdentity? identity = null)
    {
        var data = new ScratchDirectory("docpipe-review");
        await ReviewTestData.WriteAsync(data.Path);
        var server = await ReviewServer.StartAsync(
            new FileResultStore(data.Path),
            new FilePageImageStore(Path.Combine(data.Path, "pages")),
            identity ?? ReviewIdentity.Local(Reviewer),
            new ReviewServerOptions { Port = 0 },
            CancellationToken.None);
        return new RunningReviewServer(data, server);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _data.Dispose();
    }
}
