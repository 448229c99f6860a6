using System.Text;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Maps an answer to one of an enum field's values: equal ignoring case, spaces and punctuation; else the
/// longest value the answer contains (or that contains the answer); else the closest by edit distance when
/// within a third of the value's length. Ties go to the value listed first. An answer that names two values
/// (<c>red or green</c>), neither part of the other, matches none: which one is meant cannot be known.
/// </summary>
public static class EnumMatcher
{
    public static string? Match(string? answer, IReadOnlyList<string> values)
    {
        if (string.IsNullOrWhiteSpace(answer) || values.Count == 0)
        {
            return null;
        }

        var canonicalAnswer = Canonical(answer);
        if (canonicalAnswer.Length == 0)
        {
            return null;
        }

        var canonicalValues = values.Select(Canonical).ToArray();
        for (var i = 0; i < values.Count; i++)
        {
            if (canonicalValues[i] == canonicalAnswer)
            {
                return values[i];
            }
        }

        var named = canonicalValues.Where(v => v.Length > 0 && canonicalAnswer.Contains(v, StringComparison.Ordinal)).Distinct().ToList();
        if (named.Count(v => !named.Any(other => other != v && other.Contains(v, StringComparison.Ordinal))) > 1)
        {
            return null;
        }

        string? best = null;
        var bestLength = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var value = canonicalValues[i];
            if (value.Length > bestLength && (canonicalAnswer.Contains(value, StringComparison.Ordinal)
                || (canonicalAnswer.Length >= 3 && value.Contains(canonicalAnswer, StringComparison.Ordinal))))
            {
                best = values[i];
                bestLength = value.Length;
            }
        }

        if (best is not null)
        {
            return best;
        }

        var bestDistance = int.MaxValue;
        for (var i = 0; i < values.Count; i++)
        {
            var distance = EditDistance(canonicalAnswer, canonicalValues[i]);
            if (distance <= Math.Max(1, canonicalValues[i].Length / 3) && distance < bestDistance)
            {
                best = values[i];
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Lower-case letters and digits only, diacritics removed.</summary>
    public static string Canonical(string text)
    {
        var folded = DateParser.Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one each.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
