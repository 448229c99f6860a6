using FastVlm.DocPipeline.Contracts.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// The review web app over any result and page image store: the page (Review/Assets) and <see cref="ReviewApi"/>.
/// Listens on loopback unless <see cref="IReviewerIdentity.Authenticates"/>. Every response carries a strict
/// content security policy: only this server's own script and stylesheet run, nothing inline, no other origin.
/// </summary>
internal sealed class ReviewServer : IAsyncDisposable
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly WebApplication _app;

    private ReviewServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <exception cref="Commands.CliUsageException">The host is invalid, or not loopback without authentication (<see cref="ReviewServerErrorCodes.InsecureBind"/>).</exception>
    public static async Task<ReviewServer> StartAsync(
        IResultStore results,
        IPageImageStore images,
        IReviewerIdentity identity,
        ReviewServerOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        var address = ReviewBindAddress.Resolve(options.Host, identity.Authenticates);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, options.Port));
        var app = builder.Build();
        app.Use(WithSecurityHeaders);
        foreach (var (path, resource, contentType) in ReviewAssets.Files)
        {
            var bytes = ReviewAssets.Read(resource);
            app.MapGet(path, () => Results.Bytes(bytes, contentType));
        }

        app.MapGet("/favicon.ico", () => Results.NoContent());
        new ReviewApi(results, images, identity, options.Events).Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ReviewServer(app, new Uri(app.Urls.First()));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static Task WithSecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next(context);
    }
}
