using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Cli.Review.Cloud;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Tests.Workflow.Review;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>
/// <c>--auth easyauth</c> only behind Azure Container Apps built-in authentication: anywhere else the server refuses
/// to start, because anyone could forge <c>X-MS-CLIENT-PRINCIPAL</c>. With the tests' switch the header path is
/// exercised on loopback, and then reads without a principal are 401 too.
/// </summary>
public sealed class ReviewPlatformTests
{
    [Fact]
    public async Task Docpipe_review_with_easyauth_off_the_platform_refuses_to_start_and_says_why()
    {
        Environment.GetEnvironmentVariable(ReviewPlatform.ContainerAppNameVariable).Should().BeNull("the tests do not run in a Container App");
        using var data = new ScratchDirectory("docpipe-review-platform");

        var run = await Docpipe.RunAsync("review", "--data", data.Path, "--host", "0.0.0.0", "--port", "0", "--auth", "easyauth", "--save-role", "reviewer")
            .WaitAsync(TimeSpan.FromSeconds(60));

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("error [review.easyauth_off_platform]").And.Contain("CONTAINER_APP_NAME").And.Contain("forged X-MS-CLIENT-PRINCIPAL");
        run.Out.Should().NotContain("Reviewing");
        run.HasStackTrace.Should().BeFalse();
    }

    public static TheoryData<string?, string?, string?, string> Platforms() => new()
    {
        { null, null, null, "refused" },
        { null, ReviewPlatform.BuiltInAuthValue, null, "refused" },
        { "", ReviewPlatform.BuiltInAuthValue, null, "refused" },
        { null, null, "true", "refused" },
        { "docpipe-review", null, null, "awaiting sign-in" },
        { "docpipe-review", "true", null, "awaiting sign-in" },
        { "docpipe-review", ReviewPlatform.BuiltInAuthValue, null, "trusted" },
        { null, null, "1", "trusted" },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Easyauth_needs_the_container_app_and_the_deployments_sign_in_setting_or_the_tests_switch(string? app, string? builtInAuth, string? testsSwitch, string outcome)
    {
        var variables = new Dictionary<string, string>();
        Add(variables, ReviewPlatform.ContainerAppNameVariable, app);
        Add(variables, ReviewPlatform.BuiltInAuthVariable, builtInAuth);
        Add(variables, ReviewPlatform.TestsOnlyTrustHeadersVariable, testsSwitch);
        var (parse, auth) = Parse("--auth", "easyauth", "--save-role", "Reviewer");
        var platform = ReviewPlatform.From(variables);

        var read = () => auth.Read(parse, "local-user", platform);

        if (outcome == "refused")
        {
            read.Should().Throw<CliUsageException>().Which.Code.Should().Be("review.easyauth_off_platform");
        }
        else
        {
            read().AuthenticatesRequests.Should().BeTrue();
            platform.AwaitingSignIn.Should().Be(outcome == "awaiting sign-in");
        }
    }

    [Fact]
    public async Task In_a_container_app_before_the_deployment_confirms_sign_in_every_request_is_503_even_with_a_principal()
    {
        var (parse, auth) = Parse("--auth", "easyauth", "--save-role", "Reviewer");
        var locked = ReviewPlatform.From(new Dictionary<string, string> { [ReviewPlatform.ContainerAppNameVariable] = "docpipe-review" });
        var identity = auth.Read(parse, "local-user", locked);
        var data = new FastVlm.DocPipeline.Tests.TestSupport.ScratchDirectory("docpipe-review-locked");
        await ReviewTestData.WriteAsync(data.Path);
        using (data)
        await using (var server = await ReviewServer.StartAsync(
            new FastVlm.DocPipeline.Storage.Files.FileResultStore(data.Path),
            new FastVlm.DocPipeline.Storage.Files.FilePageImageStore(Path.Combine(data.Path, "pages")),
            identity,
            new ReviewServerOptions { Port = 0, AwaitingSignIn = locked.AwaitingSignIn },
            CancellationToken.None))
        {
            using var http = new HttpClient { BaseAddress = server.Address };
            var reviewer = ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"roles","val":"Reviewer"},{"typ":"name","val":"ana"}]}""");
            foreach (var (method, path) in new[] { (HttpMethod.Get, "/"), (HttpMethod.Get, "/api/queue"), (HttpMethod.Get, $"/api/documents/{ReviewTestData.InvoiceId}"), (HttpMethod.Post, $"/api/documents/{ReviewTestData.InvoiceId}/approve") })
            {
                using var request = new HttpRequestMessage(method, path);
                request.Headers.TryAddWithoutValidation(ClientPrincipalParser.PrincipalHeader, reviewer);
                request.Headers.Add(ReviewServerOptions.CsrfHeader, "1");
                using var response = await http.SendAsync(request);
                response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, path);
                ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"]).Should().Be("review.sign_in_pending", path);
                response.Headers.RetryAfter.Should().NotBeNull();
            }

            (await new FastVlm.DocPipeline.Storage.Files.FileResultStore(data.Path).GetDocumentAsync(ReviewTestData.InvoiceId))!.Review.Should().BeNull();
        }
    }

    [Fact]
    public async Task With_the_tests_switch_every_request_needs_a_readable_principal_and_only_the_role_saves()
    {
        var (parse, auth) = Parse("--auth", "easyauth", "--save-role", "Reviewer");
        var identity = auth.Read(parse, "local-user", ReviewPlatform.From(new Dictionary<string, string> { [ReviewPlatform.TestsOnlyTrustHeadersVariable] = "1" }));
        await using var app = await RunningReviewServer.StartAsync(identity);
        app.Server.LaunchToken.Should().BeNull("users sign in instead");
        var reader = ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"roles","val":"Reader"},{"typ":"name","val":"rui"}]}""");
        var reviewer = ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"roles","val":"Reviewer"},{"typ":"name","val":"ana"}]}""");

        foreach (var path in new[] { "/", "/app.js", "/api/queue", $"/api/documents/{ReviewTestData.InvoiceId}", $"/api/documents/{ReviewTestData.InvoiceId}/pages/1/image" })
        {
            (await Send(app, HttpMethod.Get, path, principal: null)).Should().Be((HttpStatusCode.Unauthorized, ReviewErrorCodes.Unauthenticated), path);
            (await Send(app, HttpMethod.Get, path, principal: "not base64!")).Should().Be((HttpStatusCode.Unauthorized, ReviewErrorCodes.Unauthenticated), path);
            (await Send(app, HttpMethod.Get, path, reader)).Status.Should().Be(HttpStatusCode.OK, path);
        }

        var approve = $"/api/documents/{ReviewTestData.InvoiceId}/approve";
        (await Send(app, HttpMethod.Post, approve, principal: null)).Should().Be((HttpStatusCode.Unauthorized, ReviewErrorCodes.Unauthenticated));
        (await Send(app, HttpMethod.Post, approve, reader)).Should().Be((HttpStatusCode.Forbidden, ReviewErrorCodes.Forbidden));
        (await Send(app, HttpMethod.Post, approve, reviewer)).Status.Should().Be(HttpStatusCode.OK);
        (await app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Review!.ApprovedBy.Should().Be("ana");
        RunningReviewServer.Lines(app.AccessLog).Should().Contain(l => l.Contains("who=\"ana\"", StringComparison.Ordinal) && l.Contains("outcome=allowed status=200", StringComparison.Ordinal))
            .And.Contain(l => l.Contains("who=\"rui\"", StringComparison.Ordinal) && l.Contains("status=403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behind_the_platform_the_public_host_is_served_over_https_and_other_names_get_421()
    {
        var (parse, auth) = Parse("--auth", "easyauth", "--save-role", "Reviewer");
        var identity = auth.Read(parse, "local-user", CloudReviewTests.BehindSignIn);
        await using var app = await RunningReviewServer.StartAsync(identity, host: "0.0.0.0", publicHosts: ["Docpipe-Review.example.azurecontainerapps.io"]);
        var reader = ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"name","val":"rui"}]}""");

        (await Send(app, HttpMethod.Get, "/api/queue", reader, host: "docpipe-review.example.azurecontainerapps.io")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(app, HttpMethod.Get, "/api/queue", reader, host: "docpipe-review.example.azurecontainerapps.io:443")).Status.Should().Be(HttpStatusCode.OK);
        (await Send(app, HttpMethod.Get, "/api/queue", reader, host: "other.example.azurecontainerapps.io")).Should().Be((HttpStatusCode.MisdirectedRequest, "review.host_not_allowed"));
        (await Send(app, HttpMethod.Post, $"/api/documents/{ReviewTestData.InvoiceId}/approve", reader, host: "docpipe-review.example.azurecontainerapps.io", origin: "https://evil.example"))
            .Should().Be((HttpStatusCode.Forbidden, "review.origin_refused"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.1")]
    [InlineData("*.example.com")]
    [InlineData("localhost")]
    [InlineData("bad_name.example.com")]
    [InlineData("-x.example.com")]
    public void A_public_host_must_be_a_dns_name(string host) =>
        FluentActions.Invoking(() => ReviewHostFilter.RequirePublicHost(host)).Should().Throw<CliUsageException>().Which.Code.Should().Be("review.public_host_invalid");

    [Fact]
    public async Task A_public_host_without_platform_authentication_is_a_usage_error()
    {
        using var data = new ScratchDirectory("docpipe-review-platform");
        var run = await Docpipe.RunAsync("review", "--data", data.Path, "--port", "0", "--public-host", "review.example.com").WaitAsync(TimeSpan.FromSeconds(60));

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("error [review.public_host_invalid]");
    }

    private static async Task<(HttpStatusCode Status, string? Code)> Send(RunningReviewServer app, HttpMethod method, string path, string? principal, string? host = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{\"acceptFlagged\":2}", System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add(ReviewServerOptions.CsrfHeader, "1");
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{ReviewTestData.RunId}.0\"");
        }

        if (principal is not null)
        {
            request.Headers.TryAddWithoutValidation(ClientPrincipalParser.PrincipalHeader, principal);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await app.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var code = response.Content.Headers.ContentType?.MediaType == "application/json" ? (string?)JsonNode.Parse(text)?["code"] : null;
        return (response.StatusCode, code);
    }

    private static void Add(Dictionary<string, string> variables, string name, string? value)
    {
        if (value is not null)
        {
            variables[name] = value;
        }
    }

    private static (ParseResult Parse, ReviewAuthOptions Auth) Parse(params string[] args)
    {
        var auth = new ReviewAuthOptions();
        var command = new RootCommand();
        auth.AddTo(command);
        return (command.Parse(args), auth);
    }
}
