using System.Globalization;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// Lets a request reach the review app only with proof of who sends it, and refuses writes from other origins.
/// <list type="bullet">
/// <item>Locally (<see cref="ReviewLaunchToken"/>): <c>?token=</c> on a GET is swapped for an HttpOnly, SameSite=Strict
/// cookie and redirected to the same URL without it; afterwards the cookie, or <c>Authorization: Bearer TOKEN</c>
/// from scripts, proves the caller started the server. Anything else is 401 saying where the URL is.</item>
/// <item>Behind the platform's authentication: every request, reads included, carries a readable signed-in
/// principal (<see cref="ClientPrincipalParser"/>), or is 401.</item>
/// </list>
/// Every write (not GET/HEAD) with an <c>Origin</c> header must come from the server's own origin
/// (<see cref="ReviewHostFilter.IsOwnOrigin"/>); the CSRF header check in <see cref="ReviewApi"/> still applies.
/// </summary>
internal sealed class ReviewAccessGate
{
    public const string TokenQuery = "token";

    private readonly ReviewLaunchToken? _token;
    private readonly ReviewHostFilter _hosts;
    private readonly bool _awaitingSignIn;

    /// <param name="token">The launch token (local mode); null: the platform signs users in.</param>
    /// <param name="hosts">The server's host names and origins.</param>
    /// <param name="awaitingSignIn">Serve nothing: the platform's sign-in is not confirmed yet.</param>
    public ReviewAccessGate(ReviewLaunchToken? token, ReviewHostFilter hosts, bool awaitingSignIn = false)
    {
        _token = token;
        _hosts = hosts ?? throw new ArgumentNullException(nameof(hosts));
        _awaitingSignIn = awaitingSignIn;
    }

    /// <summary>The cookie of a launch on <paramref name="port"/>: cookies ignore ports, so each server names its own.</summary>
    public static string CookieName(int port) => "docpipe-review-" + port.ToString(CultureInfo.InvariantCulture);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_awaitingSignIn)
        {
            context.Response.Headers.RetryAfter = "30";
            await ReviewRefusal.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                ReviewServerErrorCodes.SignInPending,
                "The review app is not open yet: its deployment has not confirmed that sign-in is required. Try again once the deployment has finished.").ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var writes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        if (writes && request.Headers.Origin is { Count: > 0 } origin && !_hosts.IsOwnOrigin(origin.ToString(), context.Connection.LocalPort))
        {
            await ReviewRefusal.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                ReviewServerErrorCodes.OriginRefused,
                "Writes are accepted only from the review app's own page; this one came from another origin.").ConfigureAwait(false);
            return;
        }

        if (_token is null)
        {
            await SignedInAsync(context, next).ConfigureAwait(false);
        }
        else
        {
            await LauncherAsync(_token, context, next).ConfigureAwait(false);
        }
    }

    private static async Task SignedInAsync(HttpContext context, RequestDelegate next)
    {
        ClientPrincipal principal;
        try
        {
            principal = ClientPrincipalParser.Parse(
                context.Request.Headers[ClientPrincipalParser.PrincipalHeader].ToString(),
                context.Request.Headers[ClientPrincipalParser.PrincipalNameHeader].ToString());
        }
        catch (ReviewException e)
        {
            await ReviewRefusal.WriteAsync(context, StatusCodes.Status401Unauthorized, e.Code, e.Message).ConfigureAwait(false);
            return;
        }

        ReviewCaller.SignedIn(principal).AttachTo(context);
        await next(context).ConfigureAwait(false);
    }

    private static async Task LauncherAsync(ReviewLaunchToken token, HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var cookie = CookieName(context.Connection.LocalPort);
        if (request.Query.TryGetValue(TokenQuery, out var offered) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            if (offered.Count != 1 || !token.Matches(offered.ToString()))
            {
                await RefuseAsync(context, ReviewServerErrorCodes.TokenInvalid, "The token in this URL is not the one this review server was started with (it changes at every start).").ConfigureAwait(false);
                return;
            }

            context.Response.Cookies.Append(cookie, token.Value, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Secure = request.IsHttps,
                IsEssential = true,
            });
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = SamePath(request.Path) + WithoutToken(request.Query);
            return;
        }

        if (!token.Matches(request.Cookies[cookie]) && !token.Matches(Bearer(request.Headers.Authorization)))
        {
            var code = request.Cookies.ContainsKey(cookie) || request.Headers.Authorization.Count > 0
                ? ReviewServerErrorCodes.TokenInvalid
                : ReviewServerErrorCodes.TokenRequired;
            await RefuseAsync(context, code, "This review server lets in only whoever started it.").ConfigureAwait(false);
            return;
        }

        ReviewCaller.Launcher.AttachTo(context);
        await next(context).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext context, string code, string why)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"docpipe review\"";
        return ReviewRefusal.WriteAsync(
            context,
            StatusCodes.Status401Unauthorized,
            code,
            why + " Open the URL that `docpipe review` printed when it started (http://127.0.0.1:PORT/?token=…), " +
            "or read the token from the file given with --token-file and open /?token=TOKEN, or send Authorization: Bearer TOKEN from scripts. " +
            "Restart docpipe review if the URL is lost.");
    }

    /// <summary>The path to redirect to: this one, unless it could be read as another host (<c>//evil.example</c>).</summary>
    private static string SamePath(PathString path) =>
        path.Value is { } value && value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.StartsWith("/\\", StringComparison.Ordinal)
            ? path.ToUriComponent()
            : "/";

    private static string? Bearer(StringValues authorization)
    {
        var value = authorization.ToString();
        return authorization.Count == 1 && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : null;
    }

    private static string WithoutToken(IQueryCollection query)
    {
        var rest = query.Where(q => q.Key != TokenQuery).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return QueryHelpers.AddQueryString("", rest);
    }
}
