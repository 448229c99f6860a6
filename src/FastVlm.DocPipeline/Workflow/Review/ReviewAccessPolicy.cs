namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// Who may save reviews in a host behind the platform's built-in authentication. The principal headers are trusted
/// only when <see cref="TrustPlatformPrincipal"/> says the platform sets them (it strips them from outside requests);
/// a save needs the app role <see cref="SaveRole"/> or membership of the group <see cref="SaveGroup"/> (object id).
/// With neither configured nobody may save.
/// </summary>
public sealed class ReviewAccessPolicy
{
    public bool TrustPlatformPrincipal { get; init; }

    public string? SaveRole { get; init; }

    public string? SaveGroup { get; init; }

    /// <summary>The reviewer to record for a save by the principal in these header values.</summary>
    /// <exception cref="ReviewException">
    /// <see cref="ReviewErrorCodes.Unauthenticated"/> without a readable principal (or when the headers are not trusted);
    /// <see cref="ReviewErrorCodes.Forbidden"/> when the principal has neither the role nor the group.
    /// </exception>
    public string AuthorizeSave(string? encodedPrincipal, string? principalName)
    {
        if (!TrustPlatformPrincipal)
        {
            throw new ReviewException(
                ReviewErrorCodes.Unauthenticated,
                "This host does not sit behind built-in authentication, so it cannot tell who is saving; enable Container Apps authentication and set Review__Authentication=easyauth.");
        }

        var principal = ClientPrincipalParser.Parse(encodedPrincipal, principalName);
        if (!MaySave(principal))
        {
            throw new ReviewException(ReviewErrorCodes.Forbidden, ForbiddenMessage(principal.Name));
        }

        return principal.Name;
    }

    private bool MaySave(ClientPrincipal principal) =>
        (!string.IsNullOrWhiteSpace(SaveRole) && principal.Roles.Contains(SaveRole))
        || (!string.IsNullOrWhiteSpace(SaveGroup) && principal.Groups.Contains(SaveGroup));

    private string ForbiddenMessage(string name)
    {
        var grants = new[]
        {
            string.IsNullOrWhiteSpace(SaveRole) ? null : $"the app role '{SaveRole}'",
            string.IsNullOrWhiteSpace(SaveGroup) ? null : $"membership of group '{SaveGroup}'",
        }.OfType<string>().ToList();
        return grants.Count == 0
            ? "No reviewer role or group is configured, so nobody may save; set Review__SaveRole (an app role) or Review__SaveGroup (a group object id)."
            : $"'{name}' may read the queue but not save: saving needs {string.Join(" or ", grants)}. Ask an owner of the app registration to assign it.";
    }
}
