namespace FastVlm.DocPipeline.Extraction;

/// <summary>Stable error codes of the extraction layer.</summary>
public static class ExtractionErrorCodes
{
    public const string SchemaInvalid = "schema.invalid";
    public const string SchemaNotFound = "schema.not_found";
    public const string RuleInvalid = "schema.rule_invalid";
}
