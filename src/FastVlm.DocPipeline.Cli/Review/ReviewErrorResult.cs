using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>An API refusal: its JSON body (<c>{"code", "message", …}</c>) with its status; the code also goes to <see cref="ReviewAccessLog"/>.</summary>
internal sealed class ReviewErrorResult(int status, string code, object body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return ReviewRefusal.WriteAsync(httpContext, status, code, body);
    }
}
