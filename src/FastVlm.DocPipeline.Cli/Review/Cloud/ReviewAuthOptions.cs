using System.CommandLine;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Cli.Review.Cloud;

/// <summary>
/// <c>--auth none|easyauth --save-role ROLE --save-group GROUP</c>: who <c>docpipe review</c> records as the reviewer.
/// <c>none</c> (the default): the local OS user who holds the launch token, and the app stays on loopback.
/// <c>easyauth</c>: the user the platform's built-in authentication signed in (Azure Container Apps, checked by
/// <see cref="ReviewPlatform"/>), allowed to save only with the app role or group; only then may the app listen on
/// other addresses.
/// </summary>
internal sealed class ReviewAuthOptions
{
    public const string None = "none";

    public const string EasyAuth = "easyauth";

    public Option<string> Auth { get; } = new("--auth")
    {
        Description = "none: you, on 127.0.0.1, with a secret token URL. easyauth: behind Azure Container Apps built-in authentication only (refused anywhere else), which signs users in and forwards them.",
        DefaultValueFactory = _ => None,
    };

    public Option<string?> SaveRole { get; } = new("--save-role") { Description = "With --auth easyauth: the Entra app role whose holders may save reviews." };

    public Option<string?> SaveGroup { get; } = new("--save-group") { Description = "With --auth easyauth: the Entra group (object id) whose members may save reviews." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Auth.AcceptOnlyFromAmong(None, EasyAuth);
        command.Options.Add(Auth);
        command.Options.Add(SaveRole);
        command.Options.Add(SaveGroup);
    }

    /// <summary>The identity source the options describe; <paramref name="localUser"/> reviews when there is no platform auth.</summary>
    /// <exception cref="CliUsageException">
    /// A role or group without easyauth, or easyauth without either; easyauth where <paramref name="platform"/> is not
    /// Container Apps with sign-in required (<see cref="ReviewServerErrorCodes.EasyAuthOffPlatform"/>).
    /// </exception>
    public ReviewIdentity Read(ParseResult parseResult, string localUser, ReviewPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(parseResult);
        var role = Blank(parseResult.GetValue(SaveRole));
        var group = Blank(parseResult.GetValue(SaveGroup));
        if (parseResult.GetValue(Auth) != EasyAuth)
        {
            return role is null && group is null
                ? ReviewIdentity.Local(localUser)
                : throw new CliUsageException("usage.review_auth", "--save-role and --save-group apply to signed-in users: add --auth easyauth (behind built-in authentication only).");
        }

        if (role is null && group is null)
        {
            throw new CliUsageException("usage.review_save_role", "With --auth easyauth, say who may save: --save-role ROLE (an Entra app role) and/or --save-group GROUP-OBJECT-ID.");
        }

        platform.RequireBuiltInAuthentication();
        return ReviewIdentity.Platform(new ReviewAccessPolicy { TrustPlatformPrincipal = true, SaveRole = role, SaveGroup = group });
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
