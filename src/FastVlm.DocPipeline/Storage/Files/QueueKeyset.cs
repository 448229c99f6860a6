using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// Where a page of the file store's review queue stopped: the last line's <c>updatedMs</c> and id, as an opaque token.
/// The next page starts strictly after it in queue order (newest first, then id), so writes in between never repeat
/// or skip a line that did not move.
/// </summary>
internal readonly record struct QueueKeyset(long UpdatedMs, string DocumentId)
{
    private const string Version = "q1";

    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}:{UpdatedMs}:{DocumentId}")));

    /// <exception cref="ArgumentException">The token was not made by <see cref="ToToken"/>.</exception>
    public static QueueKeyset Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        var parts = text.Split(':', 3);
        if (parts.Length != 3
            || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var updatedMs)
            || parts[2].Length == 0
            || parts[2].Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw Invalid();
        }

        return new QueueKeyset(updatedMs, parts[2]);
    }

    private static ArgumentException Invalid() =>
        new("The continuation token is not one this queue handed out; start again from the first page (leave continuation out).", "continuation");
}
