using System.Globalization;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>Characters a reviewer's value may not hold: controls (but tab and new line), zero-width characters and bidirectional controls, named by code point.</summary>
public static class InvisibleCharacters
{
    /// <summary>"U+202E RIGHT-TO-LEFT OVERRIDE" for a refused character; null for one that may stay.</summary>
    public static string? Describe(char c)
    {
        var name = c switch
        {
            '\u200B' => "ZERO WIDTH SPACE",
            '\u200C' => "ZERO WIDTH NON-JOINER",
            '\u200D' => "ZERO WIDTH JOINER",
            '\u200E' => "LEFT-TO-RIGHT MARK",
            '\u200F' => "RIGHT-TO-LEFT MARK",
            '\u2060' => "WORD JOINER",
            '\uFEFF' => "ZERO WIDTH NO-BREAK SPACE",
            '\u061C' => "ARABIC LETTER MARK",
            '\u202A' => "LEFT-TO-RIGHT EMBEDDING",
            '\u202B' => "RIGHT-TO-LEFT EMBEDDING",
            '\u202C' => "POP DIRECTIONAL FORMATTING",
            '\u202D' => "LEFT-TO-RIGHT OVERRIDE",
            '\u202E' => "RIGHT-TO-LEFT OVERRIDE",
            '\u2066' => "LEFT-TO-RIGHT ISOLATE",
            '\u2067' => "RIGHT-TO-LEFT ISOLATE",
            '\u2068' => "FIRST STRONG ISOLATE",
            '\u2069' => "POP DIRECTIONAL ISOLATE",
            _ when char.IsControl(c) && c is not '\n' and not '\t' and not '\r' => "a control character",
            _ when char.IsSurrogate(c) => null,
            _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format => "a formatting character",
            _ => null,
        };
        return name is null ? null : $"U+{(int)c:X4} {name}";
    }
}
