using FastVlm.DocPipeline.Cli.Commands;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// The last resort of the review server: a failure no handler mapped is 500 with <see cref="ReviewServerErrorCodes.Internal"/>
/// and a message without details (never a stack trace or a path); the details go to the console once.
/// </summary>
internal sealed class ReviewErrorBoundary(TextWriter? console)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            console?.WriteLine($"docpipe review: internal error on {context.Request.Method} {SafeText.Escape(context.Request.Path.ToUriComponent())}: {e.GetType().Name}: {SafeText.Escape(e.Message)}");
            if (context.Response.HasStarted)
            {
                throw;
            }

            // Keep the security headers set before this point; drop what a handler may have said about its own answer.
            context.Response.Headers.Remove("ETag");
            context.Response.Headers.Remove("Retry-After");
            context.Response.ContentLength = null;
            await ReviewRefusal.WriteAsync(
                context,
                StatusCodes.Status500InternalServerError,
                ReviewServerErrorCodes.Internal,
                "The review server failed on this request; the server's console has the details. Reload and try again, and report it if it keeps happening.").ConfigureAwait(false);
        }
    }
}
