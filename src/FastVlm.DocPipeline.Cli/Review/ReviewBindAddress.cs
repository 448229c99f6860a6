using System.Net;
using System.Net.Sockets;
using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>The address the review server may listen on: loopback, or any address once reviewers are authenticated.</summary>
internal static class ReviewBindAddress
{
    /// <exception cref="CliUsageException">
    /// The host is not a plain IPv4 or IPv6 address or <c>localhost</c> (empty, a name, an IPv4-mapped IPv6 address such as
    /// <c>::ffff:127.0.0.1</c>, a scoped or multicast address: <see cref="ReviewServerErrorCodes.HostInvalid"/>), or is not
    /// loopback while nobody is authenticated (<see cref="ReviewServerErrorCodes.InsecureBind"/>).
    /// </exception>
    public static IPAddress Resolve(string host, bool authenticated)
    {
        ArgumentNullException.ThrowIfNull(host);
        var address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : host.Length > 0 && host.Trim() == host && !host.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(host, out var parsed) ? parsed
            : throw Invalid(host, "an IP address or localhost");
        if (address.IsIPv4MappedToIPv6)
        {
            throw Invalid(host, "a plain IPv4 address (127.0.0.1) rather than an IPv4-mapped IPv6 address");
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && (address.IsIPv6Multicast || address.ScopeId != 0 || address.IsIPv6LinkLocal)
            || address.AddressFamily == AddressFamily.InterNetwork && (address.Equals(IPAddress.Broadcast) || (address.GetAddressBytes()[0] & 0xF0) == 0xE0))
        {
            throw Invalid(host, "a unicast address of this machine");
        }

        if (!IPAddress.IsLoopback(address) && !authenticated)
        {
            throw new CliUsageException(
                ReviewServerErrorCodes.InsecureBind,
                $"Refusing to serve the review app on {address}: without authentication anyone who can reach it could change results. " +
                "Keep the default --host 127.0.0.1 (reach it through an SSH tunnel), or configure authentication.");
        }

        return address;
    }

    private static CliUsageException Invalid(string host, string expected) =>
        new(ReviewServerErrorCodes.HostInvalid, $"--host must be {expected} (127.0.0.1, ::1, localhost, or 0.0.0.0 behind authentication), not '{SafeText.Escape(host)}'.");
}
