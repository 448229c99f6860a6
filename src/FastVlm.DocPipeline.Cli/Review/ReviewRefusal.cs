using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// A refusal written by the review server (its middleware, or an API handler through <see cref="ReviewErrorResult"/>):
/// <c>{"code", "message"}</c> with a stable code, which <see cref="ReviewAccessLog"/> then records.
/// </summary>
internal static class ReviewRefusal
{
    private const string CodeItem = "docpipe.review.refusal-code";

    public static Task WriteAsync(HttpContext context, int status, string code, string message) => WriteAsync(context, status, code, new { code, message });

    /// <summary>Writes <paramref name="body"/> (which carries <paramref name="code"/>) as the response.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, object body)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[CodeItem] = code;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, body.GetType(), ResultJson.Options, context.RequestAborted);
    }

    /// <summary>The code of the refusal written for this request, if middleware wrote one.</summary>
    public static string? CodeOf(HttpContext context) => context.Items.TryGetValue(CodeItem, out var code) ? code as string : null;
}
