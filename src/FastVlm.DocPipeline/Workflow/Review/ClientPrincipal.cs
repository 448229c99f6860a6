namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// The signed-in user as the platform's built-in authentication (Container Apps, App Service) describes them:
/// a display name for the review trail, and the app roles and groups that decide whether they may save.
/// </summary>
public sealed record ClientPrincipal(string Name, string? IdentityProvider, IReadOnlySet<string> Roles, IReadOnlySet<string> Groups);
