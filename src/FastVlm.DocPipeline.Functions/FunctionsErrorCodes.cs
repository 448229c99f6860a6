namespace FastVlm.DocPipeline.Functions;

/// <summary>Stable error codes the app's HTTP API and triggers report.</summary>
public static class FunctionsErrorCodes
{
    public const string InvalidJson = "request.invalid_json";
    public const string NameMissing = "request.name_missing";
    public const string SchemaPathNotAllowed = "schema.path_not_allowed";
    public const string SchemaNameInvalid = "schema.invalid_name";
    public const string SchemaNotFound = "schema.not_found";
    public const string SchemaMismatch = "schema.name_mismatch";
    public const string DocumentNotFound = "document.not_found";
    public const string BodyTooLarge = "request.body_too_large";
    public const string DefaultSchemasInvalid = "config.invalid_default_schemas";
    public const string ClassifySettingsInvalid = "config.invalid_classify_settings";
}
