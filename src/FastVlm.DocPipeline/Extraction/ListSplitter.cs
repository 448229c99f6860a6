using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Splits a list answer into items: one per line; a single line splits on semicolons or bullets (commas are
/// left alone, item descriptions contain them). Bullets and numbering (<c>- </c>, <c>• </c>, <c>1. </c>,
/// <c>2) </c>) are removed, blank and "not present" items dropped.
/// </summary>
public static partial class ListSplitter
{
    public static IReadOnlyList<string> Split(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return [];
        }

        var lines = answer.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length <= 1)
        {
            lines = answer.Split([';', '•', '·'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return lines
            .Select(line => Bullet().Replace(line, "").Trim())
            .Where(line => line.Length > 0 && !NotPresentDetector.IsNotPresent(line))
            .ToArray();
    }

    [GeneratedRegex(@"^(?:[-*•·–—]+|\(?\d{1,3}[.)]|[a-z][.)])\s+")]
    private static partial Regex Bullet();
}
