namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>Where the review server listens. A host other than loopback needs an authenticating <see cref="IReviewerIdentity"/>.</summary>
internal sealed class ReviewServerOptions
{
    /// <summary>Every write must carry this header (value <c>1</c>); a cross-site form or image cannot send it.</summary>
    public const string CsrfHeader = "X-Docpipe-Review";

    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>An IP address or <c>localhost</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0: any free port.</summary>
    public int Port { get; init; } = 5088;

    /// <summary>Publishes a <c>DocumentReviewed</c> event for each approval; null publishes none.</summary>
    public Workflow.Events.DocumentCompletionNotifier? Events { get; init; }

    /// <summary>DNS names the platform serves the app under (<c>--public-host</c>); with authentication only.</summary>
    public IReadOnlyList<string> PublicHosts { get; init; } = [];

    /// <summary>The launch token of a local server; null: a fresh random one. Unused behind authentication.</summary>
    public ReviewLaunchToken? LaunchToken { get; init; }

    /// <summary>
    /// Behind the platform, before the deployment confirmed sign-in (<see cref="Cloud.ReviewPlatform.AwaitingSignIn"/>):
    /// every request is 503 <see cref="ReviewServerErrorCodes.SignInPending"/>.
    /// </summary>
    public bool AwaitingSignIn { get; init; }

    /// <summary>Where writes and refusals are recorded.</summary>
    public ReviewAccessLog AccessLog { get; init; } = ReviewAccessLog.None;

    /// <summary>Where unexpected failures are described (the client gets no details).</summary>
    public TextWriter? ErrorLog { get; init; }
}
