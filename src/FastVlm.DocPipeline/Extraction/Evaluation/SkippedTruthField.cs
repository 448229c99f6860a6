namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>A truth key that was not scored, and why (no schema field matches it, or it gives the currency code).</summary>
public sealed record SkippedTruthField(string Key, string Reason)
{
    public const string NotInSchema = "not in schema";

    public const string CurrencyCode = "currency code of the amounts";
}
