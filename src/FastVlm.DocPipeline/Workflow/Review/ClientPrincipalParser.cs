using System.Text;
using System.Text.Json;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// Reads the principal the platform's built-in authentication forwards: <c>X-MS-CLIENT-PRINCIPAL</c>, base64 of
/// <c>{"auth_typ", "name_typ", "role_typ", "claims": [{"typ", "val"}]}</c>, and <c>X-MS-CLIENT-PRINCIPAL-NAME</c>.
/// The header is untrusted text: it is size-limited and every malformed shape is refused with
/// <see cref="ReviewErrorCodes.Unauthenticated"/>, never half-read.
/// </summary>
public static class ClientPrincipalParser
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>Base64 characters accepted in <see cref="PrincipalHeader"/> (Entra tokens with many groups are large).</summary>
    public const int MaxEncodedLength = 64 * 1024;

    public const int MaxClaims = 1000;

    public const int MaxNameLength = 256;

    private const string DefaultRoleClaim = "roles";
    private const string GroupClaim = "groups";

    private static readonly string[] NameClaims = ["name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "email"];
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 8 };

    /// <summary>The principal in <paramref name="encodedPrincipal"/>; <paramref name="principalName"/> names it when given.</summary>
    /// <exception cref="ReviewException"><see cref="ReviewErrorCodes.Unauthenticated"/>: no principal, or one that cannot be read.</exception>
    public static ClientPrincipal Parse(string? encodedPrincipal, string? principalName)
    {
        if (string.IsNullOrWhiteSpace(encodedPrincipal))
        {
            throw Unauthenticated("The request carries no signed-in user; sign in through the app's login page (/.auth/login/aad).");
        }

        if (encodedPrincipal.Length > MaxEncodedLength)
        {
            throw Unauthenticated($"The {PrincipalHeader} header is longer than {MaxEncodedLength} characters.");
        }

        var bytes = new byte[encodedPrincipal.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(encodedPrincipal.Trim(), bytes, out var length))
        {
            throw Unauthenticated($"The {PrincipalHeader} header is not base64.");
        }

        try
        {
            using var json = JsonDocument.Parse(bytes.AsMemory(0, length), JsonOptions);
            return Read(json.RootElement, principalName);
        }
        catch (JsonException)
        {
            throw Unauthenticated($"The {PrincipalHeader} header is not a JSON principal.");
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            throw Unauthenticated($"The {PrincipalHeader} header is not UTF-8.");
        }
    }

    private static ClientPrincipal Read(JsonElement root, string? principalName)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("claims", out var claims)
            || claims.ValueKind != JsonValueKind.Array
            || claims.GetArrayLength() > MaxClaims)
        {
            throw Unauthenticated($"The {PrincipalHeader} header has no claims list (or more than {MaxClaims} claims).");
        }

        var roleClaim = Text(root, "role_typ") ?? DefaultRoleClaim;
        var nameClaim = Text(root, "name_typ");
        var roles = new HashSet<string>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in claims.EnumerateArray())
        {
            if (Text(claim, "typ") is not { } type || Text(claim, "val") is not { Length: > 0 } value)
            {
                continue;
            }

            if (type == roleClaim || type == DefaultRoleClaim)
            {
                roles.Add(value);
            }
            else if (type == GroupClaim)
            {
                groups.Add(value);
            }
            else
            {
                names.TryAdd(type, value);
            }
        }

        var name = Usable(principalName)
            ?? (nameClaim is null ? null : Usable(names.GetValueOrDefault(nameClaim)))
            ?? NameClaims.Select(n => Usable(names.GetValueOrDefault(n))).FirstOrDefault(n => n is not null)
            ?? throw Unauthenticated("The signed-in user has no name claim to record as the reviewer.");
        return new ClientPrincipal(name, Text(root, "auth_typ"), roles, groups);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Usable(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && !string.IsNullOrWhiteSpace(name) && !name.Any(char.IsControl) ? name.Trim() : null;

    private static ReviewException Unauthenticated(string message) => new(ReviewErrorCodes.Unauthenticated, message);
}
