using System.Globalization;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>503 with <c>Retry-After</c> and the store's code: the document is locked by another process for now.</summary>
internal sealed class ReviewBusyResult(DocumentLockedException locked) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(locked.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return httpContext.Response.WriteAsJsonAsync(new { code = locked.Code, message = locked.Message }, ResultJson.Options, httpContext.RequestAborted);
    }
}
