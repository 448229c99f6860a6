using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review.Cloud;

/// <summary>
/// Who saves a review in <c>docpipe review</c>: the local user, only for a request that proved with the launch token
/// that it comes from whoever started the server (<see cref="ReviewCaller.LaunchedServer"/>), or the platform's
/// signed-in principal of each request (<see cref="ReviewAccessPolicy"/> decides whether they may save).
/// </summary>
internal sealed class ReviewIdentity : IReviewerIdentity
{
    private readonly string? _localUser;
    private readonly ReviewAccessPolicy? _platform;

    private ReviewIdentity(string? localUser, ReviewAccessPolicy? platform)
    {
        _localUser = localUser;
        _platform = platform;
    }

    /// <summary>True when requests carry their own authenticated user, so the app may listen beyond loopback.</summary>
    public bool AuthenticatesRequests => _platform is not null;

    bool IReviewerIdentity.Authenticates => AuthenticatesRequests;

    public static ReviewIdentity Local(string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return new ReviewIdentity(user, platform: null);
    }

    public static ReviewIdentity Platform(ReviewAccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new ReviewIdentity(localUser: null, policy);
    }

    /// <summary>The reviewer to record for a save made by <paramref name="request"/>.</summary>
    /// <exception cref="ReviewException"><see cref="ReviewErrorCodes.Unauthenticated"/> or <see cref="ReviewErrorCodes.Forbidden"/>.</exception>
    public string ReviewerFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _platform is null
            ? ReviewCaller.Of(request.HttpContext) is { LaunchedServer: true }
                ? _localUser!
                : throw new ReviewException(ReviewErrorCodes.Unauthenticated, "Only whoever started docpipe review may save: open the URL with the token it printed.")
            : _platform.AuthorizeSave(
                request.Headers[ClientPrincipalParser.PrincipalHeader].ToString(),
                request.Headers[ClientPrincipalParser.PrincipalNameHeader].ToString());
    }

    ValueTask<string?> IReviewerIdentity.GetReviewerAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<string?>(ReviewerFor(context.Request));
    }
}
