namespace FastVlm.DocPipeline.Extraction;

/// <summary>Values of <c>Issue</c> on page answers and fields.</summary>
public static class AnswerIssues
{
    /// <summary>Found, but the text could not be read as the field's type (kept as raw only).</summary>
    public const string Unparsed = "unparsed";

    /// <summary>An enum answer matched none of the allowed values.</summary>
    public const string NoEnumMatch = "no_enum_match";

    /// <summary>Generation stopped at the token limit, so the answer may be cut off.</summary>
    public const string Truncated = "truncated";

    /// <summary>The page has a text layer and the value is not on it: a likely hallucination.</summary>
    public const string NotOnPage = "not_on_page";
}
