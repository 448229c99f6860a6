namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>
/// Finds added tokens in text the way Hugging Face <c>tokenizers</c> does: non-overlapping, leftmost-longest
/// matches; a <c>single_word</c> match next to a word character is left as text; <c>lstrip</c>/<c>rstrip</c>
/// widen the match over adjacent white space.
/// </summary>
internal sealed class AddedTokenMatcher
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenMatcher(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens
            .Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>
    /// Finds the next accepted match at or after <paramref name="start"/>. <paramref name="matchStart"/> and
    /// <paramref name="matchEnd"/> include any stripped white space; the match never reaches before <paramref name="start"/>.
    /// </summary>
    public bool TryFindNext(ReadOnlySpan<char> text, int start, out int matchStart, out int matchEnd, out AddedToken? token)
    {
        int i = start;
        while (i < text.Length)
        {
            AddedToken? found = null;
            if (_byFirstChar.TryGetValue(text[i], out AddedToken[]? candidates))
            {
                ReadOnlySpan<char> rest = text[i..];
                foreach (AddedToken candidate in candidates)
                {
                    if (rest.StartsWith(candidate.Content, StringComparison.Ordinal))
                    {
                        found = candidate;
                        break;
                    }
                }
            }

            if (found is null)
            {
                i++;
                continue;
            }

            int end = i + found.Content.Length;
            if (found.SingleWord && ((i > 0 && IsWordChar(text[i - 1])) || (end < text.Length && IsWordChar(text[end]))))
            {
                i = end;
                continue;
            }

            int s = i;
            if (found.LStrip)
            {
                while (s > start && char.IsWhiteSpace(text[s - 1]))
                {
                    s--;
                }
            }

            if (found.RStrip)
            {
                while (end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }
            }

            matchStart = s;
            matchEnd = end;
            token = found;
            return true;
        }

        matchStart = matchEnd = text.Length;
        token = null;
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
