using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// Who <see cref="ReviewAccessGate"/> let in: locally, the holder of the launch token (<see cref="LaunchedServer"/>);
/// behind the platform's authentication, the signed-in <see cref="Principal"/>. Only the gate sets it.
/// </summary>
internal sealed class ReviewCaller
{
    private ReviewCaller(bool launchedServer, ClientPrincipal? principal)
    {
        LaunchedServer = launchedServer;
        Principal = principal;
    }

    /// <summary>The request proved, with the launch token or its cookie, that it comes from whoever started the server.</summary>
    public bool LaunchedServer { get; }

    /// <summary>The principal the platform signed in; null locally.</summary>
    public ClientPrincipal? Principal { get; }

    public static ReviewCaller Launcher { get; } = new(launchedServer: true, principal: null);

    public static ReviewCaller SignedIn(ClientPrincipal principal) => new(launchedServer: false, principal ?? throw new ArgumentNullException(nameof(principal)));

    /// <summary>The caller the gate let in, or null when it let nobody in (the request never passed the gate).</summary>
    public static ReviewCaller? Of(HttpContext context) => context?.Features.Get<ReviewCaller>();

    public void AttachTo(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Features.Set(this);
    }
}
