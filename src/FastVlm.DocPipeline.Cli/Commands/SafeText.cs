using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>
/// Text from outside (file names, stored values) made safe for one line of a log: control characters,
/// line and paragraph separators and bidirectional overrides are written as escapes, and the backslash
/// is doubled so an escape can never be forged by a name.
/// </summary>
internal static class SafeText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => @"\\",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when NeedsEscape(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c == '\\' || char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
}
