namespace FastVlm.DocPipeline.Extraction.Grounding;

/// <summary>Levenshtein distance computed only inside a diagonal band: O(n·k), and "more than k" as soon as it is known.</summary>
internal static class BoundedEditDistance
{
    /// <summary>The edit distance of <paramref name="a"/> and <paramref name="b"/> when at most <paramref name="max"/>; otherwise null.</summary>
    public static int? Compute(string a, string b, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return null;
        }

        const int Far = int.MaxValue / 2;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j <= max ? j : Far;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - max);
            var to = Math.Min(b.Length, i + max);
            current[0] = i <= max ? i : Far;
            if (from > 1)
            {
                current[from - 1] = Far;
            }

            var rowMin = current[0];
            for (var j = from; j <= to; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                var delete = previous[j] + 1;
                var insert = current[j - 1] + 1;
                var value = Math.Min(substitute, Math.Min(delete, insert));
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (to < b.Length)
            {
                current[to + 1] = Far;
            }

            if (rowMin > max)
            {
                return null;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length] <= max ? previous[b.Length] : null;
    }
}
