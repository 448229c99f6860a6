namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>Stable error codes of the Cosmos DB result store.</summary>
public static class CosmosErrorCodes
{
    public const string Unavailable = "cosmos.unavailable";
    public const string Throttled = "cosmos.throttled";
    public const string Timeout = "cosmos.timeout";
    public const string Conflict = "cosmos.conflict";
    public const string NotFound = "cosmos.not_found";
    public const string Unauthorized = "cosmos.unauthorized";
    public const string BadRequest = "cosmos.bad_request";
    public const string TooLarge = "cosmos.too_large";
    public const string Failed = "cosmos.failed";
    public const string InvalidKey = "cosmos.invalid_key";
    public const string NoCredential = "cosmos.no_credential";
}
