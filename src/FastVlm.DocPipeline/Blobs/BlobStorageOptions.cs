using Azure.Core;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>
/// Where documents, page images and result copies live in Azure Storage. Connect either with a connection
/// string (Azurite, local development) or with <see cref="ServiceUri"/> + <see cref="Credential"/> (default:
/// <c>DefaultAzureCredential</c>, i.e. managed identity in Azure, no keys in configuration).
/// </summary>
public sealed class BlobStorageOptions
{
    public string? ConnectionString { get; set; }

    /// <summary>The blob service endpoint, e.g. <c>https://account.blob.core.windows.net</c>.</summary>
    public Uri? ServiceUri { get; set; }

    public TokenCredential? Credential { get; set; }

    public string IncomingContainer { get; set; } = "incoming";

    public string PagesContainer { get; set; } = "pages";

    public string ResultsContainer { get; set; } = "results";

    /// <summary>Create the containers on first use when they are missing.</summary>
    public bool CreateContainersIfMissing { get; set; } = true;

    /// <summary>
    /// Reads <c>--storage</c>-style input: an <c>http(s)://</c> endpoint (identity-based) or a connection string
    /// (<c>UseDevelopmentStorage=true</c> or <c>DefaultEndpointsProtocol=…;AccountKey=…</c>).
    /// </summary>
    public static BlobStorageOptions Parse(string connectionStringOrEndpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrEndpoint);
        var text = connectionStringOrEndpoint.Trim();
        return !text.Contains(';') && !text.Contains('=') && Uri.TryCreate(text, UriKind.Absolute, out var uri)
               && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? new BlobStorageOptions { ServiceUri = uri }
            : new BlobStorageOptions { ConnectionString = text };
    }
}
