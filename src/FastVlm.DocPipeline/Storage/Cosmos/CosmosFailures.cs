using System.Net;
using Microsoft.Azure.Cosmos;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>Classifies SDK failures: transient (retry) or permanent, and turns them into <see cref="CosmosStoreException"/>.</summary>
internal static class CosmosFailures
{
    /// <summary>
    /// Failures our retry layer repeats: unavailability, timeouts, gone and connection failures, which the SDK
    /// does not retry for writes. Throttling (429) and 449 are retried by the SDK's own policies and not again here.
    /// </summary>
    public static bool IsRetriedHere(Exception exception, CancellationToken callerToken) => exception switch
    {
        CosmosException e => e.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or HttpStatusCode.Gone,
        HttpRequestException => true,
        TimeoutException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Whether the whole operation may succeed later (what <see cref="CosmosStoreException.IsTransient"/> reports).</summary>
    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests
            or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.RequestTimeout
            or HttpStatusCode.Gone
            or (HttpStatusCode)449;

    /// <summary>Null when the exception should pass unchanged (the caller cancelled, or it is not a Cosmos failure).</summary>
    public static CosmosStoreException? Translate(Exception exception, string? itemId, CancellationToken callerToken)
    {
        var about = itemId is null ? "" : $" (item '{itemId}')";
        switch (exception)
        {
            case CosmosStoreException:
                return null;
            case Exception e when FindAuthenticationFailure(e) is { } authentication:
                return new CosmosStoreException(CosmosErrorCodes.NoCredential,
                    $"No Azure credential could sign in to Cosmos DB{about} ({FirstLine(authentication.Message)}): sign in (az login, or a managed identity in Azure) with an identity that has a Cosmos DB data-plane role, or give the account key.",
                    itemId, null, isTransient: false, e);
            case CosmosException e:
                var (code, hint) = e.StatusCode switch
                {
                    HttpStatusCode.TooManyRequests => (CosmosErrorCodes.Throttled, "the account is throttling; raise its throughput or lower the concurrency"),
                    HttpStatusCode.ServiceUnavailable or HttpStatusCode.Gone => (CosmosErrorCodes.Unavailable, "the service is unavailable; the operation can be retried later"),
                    HttpStatusCode.RequestTimeout => (CosmosErrorCodes.Timeout, "the request timed out; the operation can be retried later"),
                    HttpStatusCode.NotFound => (CosmosErrorCodes.NotFound, "the database or container does not exist; create it or enable CreateIfNotExists"),
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (CosmosErrorCodes.Unauthorized, "check the key, or the identity's Cosmos DB data-plane role assignment"),
                    HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed => (CosmosErrorCodes.Conflict, "another writer changed the item"),
                    HttpStatusCode.RequestEntityTooLarge => (CosmosErrorCodes.TooLarge, "the item exceeds the 2 MB item limit"),
                    HttpStatusCode.BadRequest => (CosmosErrorCodes.BadRequest, "the request or query is invalid"),
                    _ => (CosmosErrorCodes.Failed, "unexpected status"),
                };
                return new CosmosStoreException(code,
                    $"Cosmos DB answered {(int)e.StatusCode} {e.StatusCode}{about}: {hint}. {FirstLine(ServerMessage(e))}",
                    itemId, e.StatusCode, IsTransientStatus(e.StatusCode), e);
            case HttpRequestException e:
                return new CosmosStoreException(CosmosErrorCodes.Unavailable,
                    $"Cosmos DB could not be reached{about}: {e.Message}. Check the endpoint and that the service is running.",
                    itemId, null, isTransient: true, e);
            case OperationCanceledException e when !callerToken.IsCancellationRequested:
                return new CosmosStoreException(CosmosErrorCodes.Timeout,
                    $"A Cosmos DB request timed out{about}; the operation can be retried later.",
                    itemId, HttpStatusCode.RequestTimeout, isTransient: true, e);
            default:
                return null;
        }
    }

    private static Azure.Identity.AuthenticationFailedException? FindAuthenticationFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Azure.Identity.AuthenticationFailedException found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The server's own words, without the SDK's diagnostics dump.</summary>
    private static string ServerMessage(CosmosException e)
    {
        if (!string.IsNullOrWhiteSpace(e.ResponseBody))
        {
            return e.ResponseBody;
        }

        var message = e.Message;
        var diagnostics = message.IndexOf("ActivityId:", StringComparison.Ordinal);
        var reason = message.IndexOf("Reason: (", StringComparison.Ordinal);
        if (reason >= 0)
        {
            message = message[(reason + 9)..];
            diagnostics = message.IndexOf("ActivityId:", StringComparison.Ordinal);
        }

        return diagnostics > 0 ? message[..diagnostics] : message;
    }

    private static string FirstLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > 400 ? line[..400] : line;
    }
}
