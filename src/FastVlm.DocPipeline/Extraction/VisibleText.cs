using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Text from a schema or rule made readable in a message: characters a reader cannot see or that reorder the line
/// (zero-width spaces, bidirectional overrides, other format and control characters, unusual spaces) are written as
/// their code point, <c>&lt;U+200B&gt;</c>, so a message never hides or reverses what it quotes.
/// </summary>
public static class VisibleText
{
    /// <summary>The text with every invisible character replaced by <c>&lt;U+XXXX&gt;</c>.</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        if (!text.EnumerateRunes().Any(IsInvisible))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsInvisible(rune))
            {
                builder.Append('<').Append(CodePoint(rune)).Append('>');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>A code point as <c>U+200B</c>.</summary>
    public static string CodePoint(Rune rune) => string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");

    /// <summary>Whether a character is invisible or reorders text: control, format (Cf), line/paragraph separators, any space but U+0020, U+FFFD.</summary>
    public static bool IsInvisible(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => true,
            _ => rune.Value == 0xFFFD,
        };
    }
}
