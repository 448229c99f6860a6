namespace FastVlm.DocPipeline.Rasterization;

/// <summary>Parses page selections such as <c>1-3,7</c> (1-based, as people count) into 0-based indexes.</summary>
public static class PageSelection
{
    /// <returns>Distinct 0-based indexes in ascending order, clipped to <paramref name="pageCount"/>.</returns>
    /// <exception cref="FormatException">The text is not a list of pages and ranges.</exception>
    public static IReadOnlyList<int> Parse(string? selection, int pageCount)
    {
        if (string.IsNullOrWhiteSpace(selection))
        {
            return Enumerable.Range(0, pageCount).ToArray();
        }

        var pages = new SortedSet<int>();
        foreach (var part in selection.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-');
            int first, last;
            if (dash < 0)
            {
                first = last = ParsePage(part, selection);
            }
            else
            {
                first = ParsePage(part[..dash].Trim(), selection);
                var end = part[(dash + 1)..].Trim();
                last = end.Length == 0 ? pageCount : ParsePage(end, selection);
            }

            if (last < first)
            {
                throw new FormatException($"Page range '{part}' runs backwards.");
            }

            for (var page = first; page <= Math.Min(last, pageCount); page++)
            {
                pages.Add(page - 1);
            }
        }

        return pages.ToArray();
    }

    private static int ParsePage(string text, string selection) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page >= 1
            ? page
            : throw new FormatException($"'{selection}' is not a page selection: use 1-based pages and ranges such as 1-3,7.");
}
