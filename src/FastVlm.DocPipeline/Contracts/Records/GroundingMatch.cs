namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>How a value was matched to the page's text layer.</summary>
public static class GroundingMatch
{
    public const string Exact = "exact";
    public const string Normalized = "normalized";
    public const string Fuzzy = "fuzzy";
}
