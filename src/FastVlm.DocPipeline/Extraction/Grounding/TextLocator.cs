using System.Text;

namespace FastVlm.DocPipeline.Extraction.Grounding;

/// <summary>
/// Finds an answer among a page's words, trying in order: the exact words; the folded words (case, spacing,
/// compatibility forms, edge punctuation); a typed equivalence (the page's words read as the same number, amount or
/// date); a bounded edit distance on the folded form. The first occurrence in reading order wins within a stage.
/// </summary>
internal static class TextLocator
{
    /// <summary>Answers longer than this (folded) are matched exactly or by folding only.</summary>
    public const int MaxFuzzyLength = 200;

    private const int WindowSlack = 3;
    private const int MaxTypedWindow = 5;

    /// <param name="attach">A neighbouring word on the same line it takes along (a currency symbol or code).</param>
    public static WordSpan? Find(
        PageTextIndex page, IReadOnlyList<string> answers, Func<string, bool>? typedEquals, bool allowFuzzy, Func<string, bool>? attach = null)
    {
        foreach (var answer in answers)
        {
            if (FindExact(page, answer) is { } exact)
            {
                return attach is null ? exact : Attach(page, exact, attach);
            }
        }

        foreach (var answer in answers)
        {
            if (FindFolded(page, answer) is { } folded)
            {
                return attach is null ? folded : Attach(page, folded, attach);
            }
        }

        if (typedEquals is not null && FindTyped(page, typedEquals) is { } typed)
        {
            return attach is null ? typed : Attach(page, typed, attach);
        }

        if (!allowFuzzy)
        {
            return null;
        }

        WordSpan? best = null;
        foreach (var answer in answers)
        {
            if (FindFuzzy(page, answer) is { } fuzzy && (best is null || fuzzy.Score > best.Value.Score))
            {
                best = fuzzy;
            }
        }

        return best;
    }

    /// <summary>The edit distance a fuzzy match may have: none below 6 characters, then one per 6, at most 5.</summary>
    public static int FuzzyBudget(int length) => length < 6 ? 0 : Math.Min(5, length / 6);

    private static WordSpan? FindExact(PageTextIndex page, string answer)
    {
        var tokens = GroundingText.Tokens(answer);
        if (tokens.Length == 0 || tokens.Length > page.Count)
        {
            return null;
        }

        for (var start = 0; start + tokens.Length <= page.Count; start++)
        {
            var all = true;
            for (var k = 0; k < tokens.Length && all; k++)
            {
                all = string.Equals(page.Words[start + k], tokens[k], StringComparison.Ordinal);
            }

            if (all)
            {
                return new WordSpan(start, tokens.Length, Contracts.Records.GroundingMatch.Exact, 1.0);
            }
        }

        return null;
    }

    private static WordSpan? FindFolded(PageTextIndex page, string answer)
    {
        var target = GroundingText.FoldAll(answer);
        if (target.Length == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        for (var start = 0; start < page.Count; start++)
        {
            if (page.Folded[start].Length == 0 || !target.StartsWith(page.Folded[start], StringComparison.Ordinal))
            {
                continue;
            }

            builder.Clear();
            for (var end = start; end < page.Count && builder.Length < target.Length; end++)
            {
                builder.Append(page.Folded[end]);
                if (builder.Length == target.Length && builder.ToString() == target)
                {
                    return new WordSpan(start, end - start + 1, Contracts.Records.GroundingMatch.Normalized, 0.95);
                }
            }
        }

        return null;
    }

    private static WordSpan? FindTyped(PageTextIndex page, Func<string, bool> typedEquals)
    {
        for (var start = 0; start < page.Count; start++)
        {
            for (var count = 1; count <= MaxTypedWindow && start + count <= page.Count; count++)
            {
                if (!typedEquals(page.Join(start, count)))
                {
                    continue;
                }

                // The shortest window from this start; it must need its first word, or a later start is the real one.
                var needsFirst = count == 1 || !typedEquals(page.Join(start + 1, count - 1));
                if (needsFirst)
                {
                    return new WordSpan(start, count, Contracts.Records.GroundingMatch.Normalized, 0.9);
                }

                break;
            }
        }

        return null;
    }

    private static WordSpan Attach(PageTextIndex page, WordSpan span, Func<string, bool> attach)
    {
        var words = page.Text.Words;
        var start = span.Start;
        var end = span.Start + span.Count - 1;
        if (start > 0 && Adjacent(words[start - 1], words[start]) && attach(page.Words[start - 1]))
        {
            start--;
        }

        if (end + 1 < page.Count && Adjacent(words[end], words[end + 1]) && attach(page.Words[end + 1]))
        {
            end++;
        }

        return span with { Start = start, Count = end - start + 1 };
    }

    /// <summary>Next to each other on one line: a gap of at most one and a half text heights.</summary>
    private static bool Adjacent(Contracts.Records.TextWord first, Contracts.Records.TextWord second)
    {
        var height = Math.Max(first.Box.Height, second.Box.Height);
        var gap = Math.Max(second.Box.Left - first.Box.Right, second.Box.Top - first.Box.Bottom);
        return first.Line == second.Line && gap <= 1.5 * height;
    }

    private static WordSpan? FindFuzzy(PageTextIndex page, string answer)
    {
        var target = GroundingText.FoldAll(answer);
        var budget = FuzzyBudget(target.Length);
        if (budget == 0 || target.Length > MaxFuzzyLength)
        {
            return null;
        }

        var tokens = Math.Max(1, GroundingText.Tokens(answer).Length);
        WordSpan? best = null;
        var builder = new StringBuilder();
        for (var start = 0; start < page.Count; start++)
        {
            builder.Clear();
            for (var end = start; end < page.Count && end - start < tokens + WindowSlack; end++)
            {
                builder.Append(page.Folded[end]);
                if (builder.Length > target.Length + budget)
                {
                    break;
                }

                if (builder.Length < target.Length - budget || page.Folded[start].Length == 0 || page.Folded[end].Length == 0)
                {
                    continue;
                }

                if (BoundedEditDistance.Compute(builder.ToString(), target, budget) is { } distance)
                {
                    var score = 1.0 - distance / (double)target.Length;
                    if (best is null || score > best.Value.Score)
                    {
                        best = new WordSpan(start, end - start + 1, Contracts.Records.GroundingMatch.Fuzzy, score);
                    }
                }
            }
        }

        return best;
    }
}
