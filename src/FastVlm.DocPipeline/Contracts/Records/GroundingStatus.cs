namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>The outcome of grounding a field in its page's text layer.</summary>
public static class GroundingStatus
{
    /// <summary>Every value (every item of a list) was found; see <see cref="FieldResult.Location"/>.</summary>
    public const string Grounded = "grounded";

    /// <summary>Some items of a list were found, others not.</summary>
    public const string Partial = "partial";

    /// <summary>The page has a text layer and the value is not on it: a likely hallucination.</summary>
    public const string NotOnPage = "not_on_page";

    /// <summary>No text layer to check against (a scan or an image): nothing is claimed either way.</summary>
    public const string Unavailable = "unavailable";
}
