using System.Net;
using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>A Cosmos DB operation that failed for good (after retries), with the item it was about.</summary>
public sealed class CosmosStoreException : DocPipelineException
{
    public CosmosStoreException(string code, string message, string? itemId, HttpStatusCode? statusCode, bool isTransient, Exception? innerException = null)
        : base(code, message, innerException)
    {
        ItemId = itemId;
        StatusCode = statusCode;
        _isTransient = isTransient;
    }

    private readonly bool _isTransient;

    /// <summary>Id of the item the operation was about (null for queries and container operations).</summary>
    public string? ItemId { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when the service was throttling or unavailable: the whole operation may be retried later.</summary>
    public override bool IsTransient => _isTransient;
}
