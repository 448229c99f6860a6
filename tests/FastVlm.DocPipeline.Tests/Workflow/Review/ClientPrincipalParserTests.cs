using System.Text;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Workflow.Review;

public sealed class ClientPrincipalParserTests
{
    [Fact]
    public void A_container_apps_principal_gives_its_name_roles_and_groups()
    {
        var principal = ClientPrincipalParser.Parse(
            Encode("""
            {"auth_typ":"aad","name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
             "claims":[{"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","val":"ana@contoso.com"},
                       {"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"Reviewer"},
                       {"typ":"roles","val":"Auditor"},
                       {"typ":"groups","val":"6f1d0c2e-0000-4000-8000-000000000001"},
                       {"typ":"name","val":"Ana Lima"}]}
            """),
            principalName: null);

        principal.Name.Should().Be("ana@contoso.com", "name_typ names the claim to use");
        principal.IdentityProvider.Should().Be("aad");
        principal.Roles.Should().BeEquivalentTo("Reviewer", "Auditor");
        principal.Groups.Should().BeEquivalentTo("6f1d0c2e-0000-4000-8000-000000000001");
    }

    [Fact]
    public void The_principal_name_header_wins_and_name_claims_are_the_fallback()
    {
        var claims = Encode("""{"claims":[{"typ":"preferred_username","val":"ben@contoso.com"}]}""");

        ClientPrincipalParser.Parse(claims, "Ben B.").Name.Should().Be("Ben B.");
        ClientPrincipalParser.Parse(claims, null).Name.Should().Be("ben@contoso.com");
        ClientPrincipalParser.Parse(claims, "bad\u0001name").Name.Should().Be("ben@contoso.com", "a name with control characters is not recorded");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("WzEsMl0=")] // [1,2]
    [InlineData("eyJjbGFpbXMiOiJ4In0=")] // {"claims":"x"}
    [InlineData("eyJjbGFpbXMiOltdfQ==")] // {"claims":[]}: nobody to name
    [InlineData("/w==")] // one byte 0xFF: not UTF-8
    public void An_absent_or_malformed_principal_is_unauthenticated(string? header)
    {
        var parse = () => ClientPrincipalParser.Parse(header, null);

        parse.Should().Throw<ReviewException>().Which.Code.Should().Be(ReviewErrorCodes.Unauthenticated);
    }

    [Fact]
    public void An_oversized_or_deeply_nested_principal_is_refused_before_it_is_read()
    {
        var invalidUtf8 = Convert.ToBase64String([.. Encoding.UTF8.GetBytes("{\"claims\":[{\"typ\":\"name\",\"val\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\"}]}")]);
        var huge = new string('A', ClientPrincipalParser.MaxEncodedLength + 4);
        var deep = Encode("{\"claims\":[" + new string('[', 50) + new string(']', 50) + "]}");
        var many = Encode("{\"claims\":[" + string.Join(",", Enumerable.Repeat("{\"typ\":\"roles\",\"val\":\"x\"}", ClientPrincipalParser.MaxClaims + 1)) + "]}");

        foreach (var header in new[] { huge, deep, many, invalidUtf8 })
        {
            var parse = () => ClientPrincipalParser.Parse(header, "ana");
            parse.Should().Throw<ReviewException>().Which.Code.Should().Be(ReviewErrorCodes.Unauthenticated);
        }
    }

    [Fact]
    public void Claims_of_the_wrong_shape_are_skipped_not_trusted()
    {
        var principal = ClientPrincipalParser.Parse(
            Encode("""{"claims":[{"typ":"roles","val":7},{"typ":"roles"},"x",{"typ":"roles","val":"Reviewer"},{"typ":"name","val":"ana"}]}"""),
            null);

        principal.Roles.Should().BeEquivalentTo("Reviewer");
    }

    [Fact]
    public void The_policy_saves_only_for_the_role_or_the_group_and_only_when_the_headers_are_trusted()
    {
        var reviewer = Encode("""{"claims":[{"typ":"roles","val":"Reviewer"},{"typ":"name","val":"ana"}]}""");
        var member = Encode("""{"claims":[{"typ":"groups","val":"g-1"},{"typ":"name","val":"ben"}]}""");
        var reader = Encode("""{"claims":[{"typ":"roles","val":"reviewer"},{"typ":"name","val":"carl"}]}""");
        var policy = new ReviewAccessPolicy { TrustPlatformPrincipal = true, SaveRole = "Reviewer", SaveGroup = "G-1" };

        policy.AuthorizeSave(reviewer, null).Should().Be("ana");
        policy.AuthorizeSave(member, null).Should().Be("ben");
        Code(() => policy.AuthorizeSave(reader, null)).Should().Be(ReviewErrorCodes.Forbidden, "app role values are case-sensitive");
        Code(() => new ReviewAccessPolicy { TrustPlatformPrincipal = true }.AuthorizeSave(reviewer, null)).Should().Be(ReviewErrorCodes.Forbidden, "with no role or group configured nobody may save");
        Code(() => new ReviewAccessPolicy { SaveRole = "Reviewer" }.AuthorizeSave(reviewer, null)).Should().Be(ReviewErrorCodes.Unauthenticated, "headers are not trusted unless the platform sets them");
    }

    private static string Code(Func<string> authorize) => authorize.Should().Throw<ReviewException>().Which.Code;

    internal static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
}
