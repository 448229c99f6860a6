using System.Security.Cryptography;
using System.Text;
using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// The secret of one local <c>docpipe review</c> launch, like a notebook server's: 256 random bits, printed in the
/// start URL (<c>/?token=…</c>) and optionally written to a file only its owner can read. Whoever presents it started
/// the server (or was given the URL by whoever did). Compared in constant time.
/// </summary>
internal sealed class ReviewLaunchToken
{
    private readonly byte[] _digest;

    private ReviewLaunchToken(string value)
    {
        Value = value;
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>URL-safe text: base64url of 32 random bytes.</summary>
    public string Value { get; }

    public static ReviewLaunchToken Create() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>For tests: a known token.</summary>
    public static ReviewLaunchToken FromValue(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return new ReviewLaunchToken(value);
    }

    /// <summary>True when <paramref name="candidate"/> is this token; the time taken does not depend on where they differ.</summary>
    public bool Matches(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > 1024)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
    }

    /// <summary>Writes the token to <paramref name="path"/>, readable and writable by the current user only (0600).</summary>
    /// <exception cref="CliUsageException"><see cref="ReviewServerErrorCodes.TokenFileInvalid"/>: the file cannot be written.</exception>
    public async Task WriteFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            // A file left from an earlier launch may have other permissions: replace it rather than reuse it.
            File.Delete(path);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var file = new FileStream(path, options);
            await file.WriteAsync(Encoding.UTF8.GetBytes(Value), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException(ReviewServerErrorCodes.TokenFileInvalid, $"--token-file: cannot write the launch token to '{SafeText.Escape(path)}' ({e.GetType().Name}); give a path in a folder you own.");
        }
    }
}
