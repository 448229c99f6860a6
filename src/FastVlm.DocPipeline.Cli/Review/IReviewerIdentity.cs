using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>Who is saving a review write. Only an identity that <see cref="Authenticates"/> callers lets the server listen beyond loopback.</summary>
internal interface IReviewerIdentity
{
    /// <summary>True when <see cref="GetReviewerAsync"/> checks credentials, so that strangers on the network cannot write.</summary>
    bool Authenticates { get; }

    /// <summary>The reviewer's name; null when the caller is not signed in (the write is refused).</summary>
    ValueTask<string?> GetReviewerAsync(HttpContext context, CancellationToken cancellationToken);
}
