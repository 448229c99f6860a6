using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// Where and how <see cref="CosmosResultStore"/> and <see cref="CosmosQueryReader"/> connect. Authentication: <see cref="Key"/> (local server,
/// emulator) or, when no key is given, <see cref="Credential"/> (default: <c>DefaultAzureCredential</c>, i.e.
/// managed identity in Azure; no keys in configuration there).
/// </summary>
public sealed class CosmosResultStoreOptions
{
    public required Uri Endpoint { get; set; }

    public string? Key { get; set; }

    public TokenCredential? Credential { get; set; }

    public string DatabaseName { get; set; } = "docpipe";

    public string ContainerName { get; set; } = "documents";

    /// <summary>Create the database and container (partition key <c>/documentId</c>) when they are missing.</summary>
    public bool CreateIfNotExists { get; set; }

    /// <summary>Gateway (HTTPS only, works everywhere and with local servers) or Direct (TCP, lower latency in Azure).</summary>
    public ConnectionMode ConnectionMode { get; set; } = ConnectionMode.Gateway;

    /// <summary>
    /// Accept the local server's self-signed certificate and talk only to <see cref="Endpoint"/>. For the local
    /// emulator / test server only; never set it against Azure.
    /// </summary>
    public bool AcceptSelfSignedCertificate { get; set; }

    /// <summary>Retries of an operation on unavailability (503), timeouts and connection failures; throttling (429) is retried by the SDK alone.</summary>
    public int MaxTransientRetries { get; set; } = 6;

    /// <summary>First delay of the exponential back-off between transient retries.</summary>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often an etag-guarded document update re-reads and re-applies after a conflict (412/409).</summary>
    public int MaxConflictRetries { get; set; } = 100;

    /// <summary>Time limit of one request (the SDK's <c>RequestTimeout</c>).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
