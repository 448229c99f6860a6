namespace FastVlm.DocPipeline.Extraction;

/// <summary>Reads yes/no answers: <c>yes</c>, <c>true</c>, <c>checked</c>, <c>x</c>, <c>✓</c>, <c>ja</c>, <c>oui</c> … and their negatives.</summary>
public static class BooleanParser
{
    private static readonly HashSet<string> False = new(StringComparer.Ordinal)
    {
        "no", "n", "false", "f", "0", "unchecked", "not checked", "unticked", "not ticked", "unselected",
        "not selected", "unmarked", "not marked", "off", "nein", "non", "nee", "nej", "nei", "☐", "□", "[ ]", "( )",
        "empty box", "not set", "negative",
    };

    private static readonly HashSet<string> True = new(StringComparer.Ordinal)
    {
        "yes", "y", "true", "t", "1", "checked", "ticked", "selected", "marked", "on", "x", "[x]", "(x)",
        "✓", "✔", "☑", "☒", "✗", "ja", "oui", "si", "sí", "sim", "da", "set", "positive", "checkbox checked",
    };

    public static bool TryParse(string? text, out bool value)
    {
        value = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalized = text.Trim().ToLowerInvariant().TrimEnd('.', '!');
        if (Lookup(normalized, out value))
        {
            return true;
        }

        // "Yes, it is signed." / "No, there is none": the first word decides, unless the answer also says the opposite ("yes and no").
        var words = normalized.Split([' ', ',', ';', ':', '/', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries);
        var firstWord = words.FirstOrDefault();
        if (firstWord is not ("yes" or "no" or "true" or "false") || !Lookup(firstWord, out value))
        {
            return false;
        }

        var opposite = value ? new[] { "no", "false" } : ["yes", "true"];
        return !words.Skip(1).Any(w => opposite.Contains(w));
    }

    private static bool Lookup(string text, out bool value)
    {
        if (False.Contains(text))
        {
            value = false;
            return true;
        }

        value = True.Contains(text);
        return value;
    }
}
