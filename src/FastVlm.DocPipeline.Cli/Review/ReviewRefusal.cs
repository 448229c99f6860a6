using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// A refusal written by the review server's middleware before any handler runs: <c>{"code", "message"}</c> with a
/// stable code, which <see cref="ReviewAccessLog"/> then records.
/// </summary>
internal static class ReviewRefusal
{
    private const string CodeItem = "docpipe.review.refusal-code";

    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[CodeItem] = code;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { code, message }, ResultJson.Options, context.RequestAborted);
    }

    /// <summary>The code of the refusal written for this request, if middleware wrote one.</summary>
    public static string? CodeOf(HttpContext context) => context.Items.TryGetValue(CodeItem, out var code) ? code as string : null;
}
