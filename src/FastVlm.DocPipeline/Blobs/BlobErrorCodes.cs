namespace FastVlm.DocPipeline.Blobs;

/// <summary>Stable error codes of the blob adapters.</summary>
public static class BlobErrorCodes
{
    public const string NotFound = "blob.not_found";
    public const string Changed = "blob.changed";
    public const string Unauthorized = "blob.unauthorized";
    public const string Unavailable = "blob.unavailable";
    public const string Failed = "blob.failed";
    public const string ContainerNotFound = "blob.container_not_found";
    public const string InvalidConnectionString = "blob.invalid_connection_string";
    public const string InvalidName = "blob.invalid_name";
}
