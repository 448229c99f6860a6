using System.Diagnostics.CodeAnalysis;
using Azure;
using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>A blob operation that failed, with the container and blob it was about.</summary>
public sealed class BlobStorageException : DocPipelineException
{
    public BlobStorageException(string code, string message, string container, string? blobName, int? status, Exception? innerException = null)
        : base(code, message, innerException)
    {
        Container = container;
        BlobName = blobName;
        Status = status;
    }

    public string Container { get; }

    public string? BlobName { get; }

    /// <summary>HTTP status the service answered (null when it could not be reached).</summary>
    public int? Status { get; }

    public override bool IsTransient => Code is BlobErrorCodes.Unavailable;

    /// <summary>
    /// Turns a failed storage call into a <see cref="BlobStorageException"/>: a <see cref="RequestFailedException"/>,
    /// or the <see cref="AggregateException"/> of them that the client throws when its own retries are used up.
    /// </summary>
    public static bool TryTranslate(Exception exception, string container, string? blobName, [NotNullWhen(true)] out BlobStorageException? translated)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var failure = exception switch
        {
            RequestFailedException e => e,
            AggregateException a => a.InnerExceptions.OfType<RequestFailedException>().LastOrDefault(),
            _ => null,
        };
        translated = failure is null ? null : From(failure, container, blobName);
        return translated is not null;
    }

    public static BlobStorageException From(RequestFailedException e, string container, string? blobName)
    {
        var target = blobName is null ? $"container '{container}'" : $"blob '{container}/{blobName}'";
        if (e.Status == 0)
        {
            return new BlobStorageException(BlobErrorCodes.Unavailable,
                $"Storage could not be reached for {target} ({FirstLine(e.Message)}): check the endpoint in the connection string and that the service is running.",
                container, blobName, null, e);
        }

        var (code, hint) = e.Status switch
        {
            404 => (BlobErrorCodes.NotFound, "it does not exist"),
            409 or 412 => (BlobErrorCodes.Changed, "it changed while being read; it will be picked up again"),
            401 or 403 => (BlobErrorCodes.Unauthorized, "check the connection string, or the identity's Storage Blob Data role"),
            0 or 408 or 429 or 500 or 502 or 503 or 504 => (BlobErrorCodes.Unavailable, "the storage service is unavailable; try again later"),
            _ => (BlobErrorCodes.Failed, e.ErrorCode ?? "unexpected status"),
        };
        return new BlobStorageException(code, $"Storage answered {e.Status} for {target}: {hint}.", container, blobName, e.Status, e);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).TrimEnd('.');
    }
}
