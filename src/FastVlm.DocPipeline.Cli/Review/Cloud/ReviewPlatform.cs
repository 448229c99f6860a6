using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Cli.Review.Cloud;

/// <summary>
/// Whether <c>docpipe review</c> runs behind Azure Container Apps built-in authentication, the only place where the
/// <c>X-MS-CLIENT-PRINCIPAL</c> headers come from the platform (which strips them from outside requests) rather than
/// from whoever sends the request. Container Apps sets <see cref="ContainerAppNameVariable"/> in every app, but
/// documents no variable that says authentication is on, so the deployment says it too: infra/modules/reviewApp.bicep
/// sets <see cref="BuiltInAuthVariable"/>=<see cref="BuiltInAuthValue"/> only in the revision it deploys after the
/// app's <c>authConfigs</c> (sign-in required) exist. Both must be present.
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

    private bool OnContainerAppsWithSignIn =>
        !string.IsNullOrWhiteSpace(_environment(ContainerAppNameVariable)) && _environment(BuiltInAuthVariable) == BuiltInAuthValue;

    /// <exception cref="CliUsageException"><see cref="ReviewServerErrorCodes.EasyAuthOffPlatform"/>: not behind the platform's sign-in.</exception>
    public void RequireBuiltInAuthentication()
    {
        if (OnContainerAppsWithSignIn || TrustedOnlyForTests)
        {
            return;
        }

        var where = string.IsNullOrWhiteSpace(_environment(ContainerAppNameVariable))
            ? $"this is not an Azure Container App ({ContainerAppNameVariable} is not set)"
            : $"the app's built-in authentication is not confirmed ({BuiltInAuthVariable} is not '{BuiltInAuthValue}'; infra/modules/reviewApp.bicep sets it once sign-in is required)";
        throw new CliUsageException(
            ReviewServerErrorCodes.EasyAuthOffPlatform,
            $"Refusing --auth easyauth: {where}. Anywhere else anyone who can reach the server could send a forged X-MS-CLIENT-PRINCIPAL header and act as any reviewer. " +
            "Locally run docpipe review without --auth (it prints a URL with a secret token); in Azure deploy with infra/main.bicep.");
    }
}
