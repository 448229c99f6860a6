using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Cli.Review.Cloud;

/// <summary>
/// Whether <c>docpipe review</c> runs behind Azure Container Apps built-in authentication, the only place where the
/// <c>X-MS-CLIENT-PRINCIPAL</c> headers come from the platform (which strips them from outside requests) rather than
/// from whoever sends the request. Container Apps sets <see cref="ContainerAppNameVariable"/> in every app, but
/// documents no variable that says authentication is on, so the deployment says it too: infra/modules/reviewApp.bicep
/// sets <see cref="BuiltInAuthVariable"/>=<see cref="BuiltInAuthValue"/> only in the revision it deploys after the
/// app's <c>authConfigs</c> (sign-in required) exist. Both must be present for the headers to be trusted. Off Container
/// Apps easyauth refuses to start; in a Container App without the setting (the deployment's first, locked revision)
/// the server starts <see cref="AwaitingSignIn"/>: it answers every request 503 and serves nothing, so that revision
/// stays healthy instead of crash-looping and failing the deployment.
/// </summary>
internal sealed class ReviewPlatform
{
    /// <summary>Set by Azure Container Apps in every container of an app.</summary>
    public const string ContainerAppNameVariable = "CONTAINER_APP_NAME";

    /// <summary>Set by the deployment only together with (after) the app's built-in authentication.</summary>
    public const string BuiltInAuthVariable = "DOCPIPE_REVIEW_BUILT_IN_AUTH";

    public const string BuiltInAuthValue = "containerapps-require-sign-in";

    /// <summary>
    /// Tests only: trust the principal headers anywhere, so tests can send them to a server on loopback. Never set it
    /// in a deployment: whoever can reach the server could then claim to be anyone.
    /// </summary>
    public const string TestsOnlyTrustHeadersVariable = "DOCPIPE_TESTS_ONLY_TRUST_FORGEABLE_PRINCIPAL_HEADERS";

    private readonly Func<string, string?> _environment;

    private ReviewPlatform(Func<string, string?> environment) => _environment = environment;

    public static ReviewPlatform FromEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>For tests: the platform as the given variables describe it.</summary>
    public static ReviewPlatform From(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new ReviewPlatform(name => variables.GetValueOrDefault(name));
    }

    /// <summary>True when only the tests' switch, not the platform, makes the headers trusted.</summary>
    public bool TrustedOnlyForTests => !OnContainerAppsWithSignIn && _environment(TestsOnlyTrustHeadersVariable) == "1";

    /// <summary>In a Container App whose deployment has not confirmed sign-in yet: serve nothing (503) until it has.</summary>
    public bool AwaitingSignIn => OnContainerApps && !OnContainerAppsWithSignIn && !TrustedOnlyForTests;

    /// <summary>Why the server is locked, for its console.</summary>
    public static string AwaitingSignInReason =>
        $"{BuiltInAuthVariable} is not '{BuiltInAuthValue}': the deployment has not confirmed that the app's built-in authentication requires sign-in " +
        "(infra/modules/reviewApp.bicep sets it in the revision it deploys after the authConfigs)";

    private bool OnContainerApps => !string.IsNullOrWhiteSpace(_environment(ContainerAppNameVariable));

    private bool OnContainerAppsWithSignIn => OnContainerApps && _environment(BuiltInAuthVariable) == BuiltInAuthValue;

    /// <summary>Passes on Container Apps (trusted, or <see cref="AwaitingSignIn"/>) and under the tests' switch.</summary>
    /// <exception cref="CliUsageException"><see cref="ReviewServerErrorCodes.EasyAuthOffPlatform"/>: not an Azure Container App.</exception>
    public void RequireBuiltInAuthentication()
    {
        if (OnContainerApps || TrustedOnlyForTests)
        {
            return;
        }

        var where = $"this is not an Azure Container App ({ContainerAppNameVariable} is not set)";
        throw new CliUsageException(
            ReviewServerErrorCodes.EasyAuthOffPlatform,
            $"Refusing --auth easyauth: {where}. Anywhere else anyone who can reach the server could send a forged X-MS-CLIENT-PRINCIPAL header and act as any reviewer. " +
            "Locally run docpipe review without --auth (it prints a URL with a secret token); in Azure deploy with infra/main.bicep.");
    }
}
