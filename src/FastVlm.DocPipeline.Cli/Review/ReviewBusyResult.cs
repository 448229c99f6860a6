using System.Globalization;
using FastVlm.DocPipeline.Storage.Files;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>503 with <c>Retry-After</c> and the store's code: the document is locked by another process for now.</summary>
internal sealed class ReviewBusyResult(DocumentLockedException locked) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(locked.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ReviewRefusal.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, locked.Code, locked.Message);
    }
}
