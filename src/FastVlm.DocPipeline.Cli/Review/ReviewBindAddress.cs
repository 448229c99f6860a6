using System.Net;
using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>The address the review server may listen on: loopback, or any address once reviewers are authenticated.</summary>
internal static class ReviewBindAddress
{
    /// <exception cref="CliUsageException">The host is not an IP address or <c>localhost</c> (<see cref="ReviewServerErrorCodes.HostInvalid"/>), or is not loopback while nobody is authenticated (<see cref="ReviewServerErrorCodes.InsecureBind"/>).</exception>
    public static IPAddress Resolve(string host, bool authenticated)
    {
        ArgumentNullException.ThrowIfNull(host);
        var address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new CliUsageException(ReviewServerErrorCodes.HostInvalid, $"--host must be an IP address or localhost, not '{SafeText.Escape(host)}'.");
        if (!IPAddress.IsLoopback(address) && !authenticated)
        {
            throw new CliUsageException(
                ReviewServerErrorCodes.InsecureBind,
                $"Refusing to serve the review app on {address}: without authentication anyone who can reach it could change results. " +
                "Keep the default --host 127.0.0.1 (reach it through an SSH tunnel), or configure authentication.");
        }

        return address;
    }
}
