using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>On the reviewer's own machine, over loopback: every write is theirs (by default the OS user).</summary>
internal sealed class LocalReviewerIdentity(string reviewer) : IReviewerIdentity
{
    public LocalReviewerIdentity()
        : this(Environment.UserName)
    {
    }

    public bool Authenticates => false;

    public ValueTask<string?> GetReviewerAsync(HttpContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(reviewer);
}
