namespace FastVlm.DocPipeline.Extraction;

/// <summary>Recognises answers that say the information is not on the page ("N/A", "not found", "none", …).</summary>
public static class NotPresentDetector
{
    private static readonly HashSet<string> Phrases = new(StringComparer.Ordinal)
    {
        "", "n/a", "na", "n.a", "none", "nil", "null", "nothing", "unknown", "unanswerable", "no answer",
        "not found", "not present", "not available", "not applicable", "not mentioned", "not specified",
        "not provided", "not given", "not visible", "not shown", "not stated", "not listed", "not legible",
        "not readable", "illegible", "no information", "no data", "cannot be determined", "can't be determined",
        "cannot determine", "can not be determined", "i don't know", "i do not know", "unclear", "blank", "empty",
        "-", "--", "---", "—", "–", "?", "??", "...", "…",
    };

    private static readonly string[] Prefixes =
    [
        "there is no ", "there are no ", "no such ", "the document does not ", "the image does not ",
        "it is not ", "it's not ", "this is not ", "not present", "not found", "not available",
    ];

    /// <summary>True when <paramref name="answer"/> means "not on this page".</summary>
    public static bool IsNotPresent(string? answer)
    {
        if (answer is null)
        {
            return true;
        }

        var text = answer.Trim().ToLowerInvariant().Replace('\u2019', '\'');
        if (Phrases.Contains(text))
        {
            return true;
        }

        var stripped = text.TrimEnd('.', '!', ' ').Trim('"', '\'', '(', ')', '[', ']').Trim();
        if (Phrases.Contains(stripped))
        {
            return true;
        }

        return Prefixes.Any(p => stripped.StartsWith(p, StringComparison.Ordinal));
    }
}
