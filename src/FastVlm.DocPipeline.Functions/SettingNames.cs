namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// Every application setting the app reads (configuration keys; as environment variables ':' is '__').
/// infra/main.bicep sets each of them; tests/FastVlm.DocPipeline.Tests/Deployment checks that they match.
/// </summary>
public static class SettingNames
{
    /// <summary>Connection name of the blob trigger: identity-based, <c>DocumentStorage__blobServiceUri</c> etc.</summary>
    public const string DocumentStorageConnection = "DocumentStorage";

    public const string DocumentStorageBlobServiceUri = "DocumentStorage:blobServiceUri";

    /// <summary>Client id of the user-assigned identity every Azure SDK client authenticates as.</summary>
    public const string AzureClientId = "AZURE_CLIENT_ID";

    public const string CosmosEndpoint = "Cosmos:Endpoint";

    public const string CosmosDatabase = "Cosmos:Database";

    public const string CosmosContainer = "Cosmos:Container";

    public const string IncomingContainer = "Pipeline:IncomingContainer";

    public const string PagesContainer = "Pipeline:PagesContainer";

    public const string ResultsContainer = "Pipeline:ResultsContainer";

    /// <summary>Default schema (<c>name</c> or <c>name@version</c> in the schemas container) for blobs no prefix rule matches.</summary>
    public const string Schema = "Pipeline:Schema";

    /// <summary>Blob container holding the schemas as <c>{name}/{version}.json</c> (default <c>schemas</c>).</summary>
    public const string SchemasContainer = "Pipeline:SchemasContainer";

    /// <summary>Per-prefix default schemas: <c>"invoices/=invoice;receipts/=receipt@2"</c> (optional).</summary>
    public const string DefaultSchemas = "Pipeline:DefaultSchemas";

    /// <summary>Candidate schemas of the schema <c>auto</c>: <c>"invoice;receipt@2"</c> (names in the schemas container).</summary>
    public const string ClassifyCandidates = "Pipeline:ClassifyCandidates";

    /// <summary><c>true</c>: the schema <c>auto</c> also splits bundled files into their documents (default <c>false</c>).</summary>
    public const string ClassifySplit = "Pipeline:ClassifySplit";

    /// <summary>Model directory (the Azure Files mount).</summary>
    public const string ModelPath = "Model:Path";

    /// <summary><c>cuda</c> (GPU replicas) or <c>cpu</c>.</summary>
    public const string ModelExecutionProvider = "Model:ExecutionProvider";

    /// <summary>Blob container the blob trigger listens on; must equal <see cref="IncomingContainer"/>'s value.</summary>
    public const string IncomingBlobPath = "incoming/{name}";
}
