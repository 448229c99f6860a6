using System.Text.Json;
using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>
/// Passwords of encrypted PDFs: <c>--password</c> for every document, and <c>--password-file</c>, a JSON object
/// mapping a document's path (relative to the password file's folder, or absolute) to its password, which wins
/// for that document. Passwords are never printed or stored; only the source name reaches the logs.
/// </summary>
internal sealed class PdfPasswords
{
    private readonly Dictionary<string, string> _byPath;
    private readonly string? _default;

    private PdfPasswords(string? fallback, Dictionary<string, string> byPath)
    {
        _default = fallback;
        _byPath = byPath;
    }

    public static PdfPasswords None { get; } = new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <param name="warnings">Where a password file that others may read is reported.</param>
    /// <exception cref="CliUsageException">The password file is missing or not a JSON object of strings.</exception>
    public static async Task<PdfPasswords> LoadAsync(string? password, string? passwordFile, TextWriter warnings, CancellationToken cancellationToken)
    {
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        if (passwordFile is not null)
        {
            if (!File.Exists(passwordFile))
            {
                throw new CliUsageException("password_file.not_found", $"--password-file {SafeText.Escape(passwordFile)} does not exist.");
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(passwordFile) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                await warnings.WriteLineAsync($"warning: {SafeText.Escape(passwordFile)} can be read by other users; restrict it with chmod 600.").ConfigureAwait(false);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(passwordFile))!;
            Dictionary<string, string>? entries;
            try
            {
                await using var stream = File.OpenRead(passwordFile);
                entries = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                // The JSON error position is given, never its text: the text could hold a password.
                throw new CliUsageException(
                    "password_file.invalid",
                    $"--password-file {SafeText.Escape(passwordFile)} must be a JSON object mapping document paths to passwords, e.g. {{\"scans/a.pdf\": \"secret\"}} (line {e.LineNumber + 1}).");
            }

            foreach (var (path, secret) in entries ?? [])
            {
                if (secret is null)
                {
                    throw new CliUsageException("password_file.invalid", $"--password-file {SafeText.Escape(passwordFile)}: the password of '{SafeText.Escape(path)}' is not a string.");
                }

                byPath[Path.GetFullPath(Path.Combine(folder, path))] = secret;
            }
        }

        return password is null && byPath.Count == 0 ? None : new PdfPasswords(password, byPath);
    }

    /// <summary>The password for the document at <paramref name="path"/>, or null when none was given.</summary>
    public string? For(string? path) =>
        path is not null && _byPath.TryGetValue(Path.GetFullPath(path), out var password) ? password : _default;
}
