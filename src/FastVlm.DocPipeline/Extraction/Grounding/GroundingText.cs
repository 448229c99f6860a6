using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Extraction.Grounding;

/// <summary>The text forms grounding compares: whitespace tokens, and a folded form (NFKC, lower case, no spaces, no edge punctuation).</summary>
internal static class GroundingText
{
    public static string[] Tokens(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Folds one token: compatibility forms (NFKC), lower case, leading and trailing punctuation dropped.</summary>
    public static string Fold(string token)
    {
        var normalized = SafeNormalize(token);
        var start = 0;
        var end = normalized.Length;
        while (start < end && IsEdgePunctuation(normalized[start]))
        {
            start++;
        }

        while (end > start && IsEdgePunctuation(normalized[end - 1]))
        {
            end--;
        }

        var builder = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            var c = normalized[i];
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>The folded form of a whole answer: its tokens folded and joined without spaces.</summary>
    public static string FoldAll(string text) => string.Concat(Tokens(text).Select(Fold));

    private static string SafeNormalize(string token)
    {
        try
        {
            return token.IsNormalized(NormalizationForm.FormKC) ? token : token.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Ill-formed UTF-16 (a lone surrogate) cannot be normalised; compare it as it is.
            return token;
        }
    }

    private static bool IsEdgePunctuation(char c) =>
        char.IsPunctuation(c) && c is not '#' and not '%' and not '&' and not '@' || c is '|' or '\u00B7';
}
