using System.Net;
using FastVlm.DocPipeline.Cli.Commands;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// Serves only the host names the server was started for, which stops DNS rebinding (a page of another site whose
/// name now resolves to 127.0.0.1 still sends its own name as <c>Host</c>): the loopback names with the port the
/// server listens on, and the public names given with <c>--public-host</c> (over HTTPS, port 443, as the
/// platform's ingress forwards them). Any other <c>Host</c> gets 421 with <see cref="ReviewServerErrorCodes.HostNotAllowed"/>
/// before a handler runs. It also knows the server's own origins, which a write's <c>Origin</c> must be.
/// </summary>
internal sealed class ReviewHostFilter
{
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    private readonly HashSet<string> _loopback = new(LoopbackNames, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _public = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="bound">The address the server listens on; a specific loopback address (127.0.0.2) is a name too.</param>
    /// <param name="publicHosts">DNS names the platform serves this app under.</param>
    public ReviewHostFilter(IPAddress bound, IEnumerable<string> publicHosts)
    {
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(publicHosts);
        if (IPAddress.IsLoopback(bound))
        {
            _loopback.Add(bound.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound}]" : bound.ToString());
        }

        foreach (var host in publicHosts)
        {
            _public.Add(RequirePublicHost(host));
        }
    }

    /// <summary>The public host names, validated.</summary>
    public IReadOnlyCollection<string> PublicHosts => _public;

    /// <summary>A DNS name (letters, digits, '-', '.'), lower-cased; not an address, not a wildcard.</summary>
    /// <exception cref="CliUsageException"><see cref="ReviewServerErrorCodes.PublicHostInvalid"/>.</exception>
    public static string RequirePublicHost(string? host)
    {
        var name = (host ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        var labels = name.Split('.');
        if (name.Length is 0 or > 253
            || IPAddress.TryParse(name, out _)
            || labels.Length < 2
            || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-' || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new CliUsageException(
                ReviewServerErrorCodes.PublicHostInvalid,
                $"--public-host must be the DNS name the app is served under (for example docpipe-review.example.azurecontainerapps.io), not '{SafeText.Escape(host)}'.");
        }

        return name;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!IsAllowed(context.Request.Host, context.Connection.LocalPort))
        {
            await ReviewRefusal.WriteAsync(
                context,
                StatusCodes.Status421MisdirectedRequest,
                ReviewServerErrorCodes.HostNotAllowed,
                "This review server does not serve that host name. Open it as http://127.0.0.1:PORT/ (the URL docpipe review printed), or under the name it was started for with --public-host.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="origin"/> (an <c>Origin</c> header) is one of this server's own origins.</summary>
    public bool IsOwnOrigin(string origin, int localPort)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || origin.EndsWith('/') || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return uri.Scheme switch
        {
            "http" => _loopback.Contains(host) && uri.Port == localPort,
            "https" => _public.Contains(host) && uri.Port == 443,
            _ => false,
        };
    }

    private bool IsAllowed(HostString host, int localPort)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        if (_loopback.Contains(name))
        {
            return host.Port == localPort;
        }

        return _public.Contains(name) && host.Port is null or 443;
    }
}
