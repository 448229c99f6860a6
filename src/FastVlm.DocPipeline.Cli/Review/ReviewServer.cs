using FastVlm.DocPipeline.Contracts.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// The review web app over any result and page image store: the page (Review/Assets) and <see cref="ReviewApi"/>.
/// Listens on loopback unless <see cref="IReviewerIdentity.Authenticates"/>. Every request passes, in order: the
/// access log (<see cref="ReviewAccessLog"/>), the error boundary, the host allow-list (<see cref="ReviewHostFilter"/>,
/// 421 for other names) and the access gate (<see cref="ReviewAccessGate"/>: the launch token locally, a signed-in
/// principal behind the platform). Every response carries a strict content security policy (only this server's own
/// script and stylesheet run, nothing inline, no other origin) and same-origin resource and opener policies.
/// See docs/review-security.md.
/// </summary>
internal sealed class ReviewServer : IAsyncDisposable
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly WebApplication _app;

    private ReviewServer(WebApplication app, Uri address, ReviewLaunchToken? token)
    {
        _app = app;
        Address = address;
        LaunchToken = token;
        LaunchUri = token is null ? address : new Uri(address, "/?" + ReviewAccessGate.TokenQuery + "=" + Uri.EscapeDataString(token.Value));
    }

    public Uri Address { get; }

    /// <summary>The secret of this launch; null behind the platform's authentication.</summary>
    public ReviewLaunchToken? LaunchToken { get; }

    /// <summary>The URL to open: <see cref="Address"/> with <c>?token=</c> locally.</summary>
    public Uri LaunchUri { get; }

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
        if (options.PublicHosts.Count > 0 && !identity.Authenticates)
        {
            throw new Commands.CliUsageException(
                ReviewServerErrorCodes.PublicHostInvalid,
                "--public-host names the platform's host for an app behind its authentication: add --auth easyauth, or leave it out locally.");
        }

        var hosts = new ReviewHostFilter(address, options.PublicHosts);
        var token = identity.Authenticates ? null : options.LaunchToken ?? ReviewLaunchToken.Create();
        if (options.AwaitingSignIn && !identity.Authenticates)
        {
            throw new ArgumentException("Only a server behind the platform's authentication waits for sign-in.", nameof(options));
        }

        var gate = new ReviewAccessGate(token, hosts, options.AwaitingSignIn);
        var boundary = new ReviewErrorBoundary(options.ErrorLog);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, options.Port));
        var app = builder.Build();
        app.Use(WithSecurityHeaders);
        app.Use(options.AccessLog.InvokeAsync);
        app.Use(boundary.InvokeAsync);
        app.Use(hosts.InvokeAsync);
        app.Use(gate.InvokeAsync);
        foreach (var (path, resource, contentType) in ReviewAssets.Files)
        {
            var bytes = ReviewAssets.Read(resource);
            app.MapGet(path, () => Results.Bytes(bytes, contentType));
        }

        app.MapGet("/favicon.ico", () => Results.NoContent());
        new ReviewApi(results, images, identity, options.Events).Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ReviewServer(app, new Uri(app.Urls.First()), token);
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
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        return next(context);
    }
}
