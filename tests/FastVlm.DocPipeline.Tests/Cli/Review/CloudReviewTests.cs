using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Cli.Review.Cloud;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;
using FastVlm.DocPipeline.Tests.Workflow.Review;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>
/// <c>docpipe review --cosmos … --storage … --auth easyauth --save-role …</c>: the options parsed as the command line
/// gives them, the stores opened against the Cosmos test server and Azurite, a review saved under the principal the
/// platform forwards, and what both services hold afterwards.
/// </summary>
[Collection(LocalServicesCollection.Name)]
public sealed class CloudReviewTests(LocalServicesFixture services) : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private readonly string _pages = "p" + Guid.NewGuid().ToString("N")[..12];
    private CosmosResultStoreOptions _cosmos = null!;

    public async Task InitializeAsync()
    {
        _cosmos = services.CosmosOptions();
        await services.BlobService().GetBlobContainerClient(_pages).CreateAsync();
    }

    public Task DisposeAsync() => services.BlobService().GetBlobContainerClient(_pages).DeleteIfExistsAsync();

    [Fact]
    public async Task A_signed_in_reviewer_saves_to_cosmos_and_sees_the_page_from_blob_storage()
    {
        var document = ReviewDocuments.Invoice();
        using (var seed = new CosmosResultStore(_cosmos))
        {
            await ReviewDocuments.StoreAsync(seed, document);
        }

        var storage = BlobStorageOptions.Parse(services.StorageConnectionString);
        storage.PagesContainer = _pages;
        var pageName = await new BlobPageImageStore(BlobClients.CreateBlobServiceClient(storage), storage).SavePageImageAsync(document.DocumentId, 1, Png);
        var (parse, stores, auth) = Parse(cloud: true, "--auth", "easyauth", "--save-role", "Reviewer");

        stores.IsCloud(parse).Should().BeTrue();
        var identity = auth.Read(parse, "local-user", BehindSignIn);
        identity.AuthenticatesRequests.Should().BeTrue("easyauth may listen beyond loopback");
        using var opened = await stores.OpenAsync(parse, TextWriter.Null, CancellationToken.None);
        await using (var image = await opened.Pages.OpenPageImageAsync(pageName))
        {
            using var copy = new MemoryStream();
            await image.CopyToAsync(copy);
            copy.ToArray().Should().Equal(Png);
        }

        var reviewer = identity.ReviewerFor(Request(ClientPrincipalParserTests.Encode(
            """{"auth_typ":"aad","claims":[{"typ":"roles","val":"Reviewer"},{"typ":"preferred_username","val":"ana@contoso.com"}]}""")));
        var service = new DocumentReviewService(opened.Results);
        var queued = (await service.GetQueueAsync(new ReviewQueueQuery())).Documents.Single();
        await service.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = ReviewActions.Alternative, Alternative = 0, ETag = queued.ETag }, reviewer);

        using var check = new CosmosResultStore(_cosmos);
        var total = (await check.GetDocumentAsync(document.DocumentId))!.Fields["total"];
        total.Value!.GetValue<decimal>().Should().Be(1190m);
        total.Review!.Reviewer.Should().Be("ana@contoso.com");
        opened.Description.Should().Contain(_cosmos.DatabaseName).And.NotContain(services.CosmosKey);
    }

    [Fact]
    public async Task The_review_server_over_the_cloud_stores_listens_beyond_loopback_and_saves_only_for_signed_in_reviewers_with_the_role()
    {
        var document = ReviewDocuments.Invoice();
        using (var seed = new CosmosResultStore(_cosmos))
        {
            await ReviewDocuments.StoreAsync(seed, document);
        }

        var (parse, stores, auth) = Parse(cloud: true, "--auth", "easyauth", "--save-role", "Reviewer");
        using var opened = await stores.OpenAsync(parse, TextWriter.Null, CancellationToken.None);
        await using var server = await ReviewServer.StartAsync(
            opened.Results, opened.Pages, auth.Read(parse, "local-user", BehindSignIn), new ReviewServerOptions { Host = "0.0.0.0", Port = 0 }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Address.Port}") };
        (await http.GetAsync(new Uri($"/api/documents/{document.DocumentId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "reads need a signed-in user too");
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/documents/{document.DocumentId}", UriKind.Relative));
        read.Headers.Add(ClientPrincipalParser.PrincipalHeader, ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"roles","val":"Reader"},{"typ":"name","val":"rui"}]}"""));
        var loaded = await http.SendAsync(read);
        loaded.StatusCode.Should().Be(HttpStatusCode.OK);
        var etag = loaded.Headers.ETag!.Tag;

        async Task<(HttpStatusCode Status, string? Code)> Save(string? principal)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/documents/{document.DocumentId}/fields/total", UriKind.Relative))
            {
                Content = new StringContent("""{"action":"edited","value":"1.00"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(ReviewServerOptions.CsrfHeader, "1");
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            if (principal is not null)
            {
                request.Headers.Add(ClientPrincipalParser.PrincipalHeader, principal);
            }

            using var response = await http.SendAsync(request);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, (string?)body?["code"]);
        }

        (await Save(null)).Should().Be((HttpStatusCode.Unauthorized, ReviewErrorCodes.Unauthenticated));
        (await Save(ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"roles","val":"Reader"},{"typ":"name","val":"rui"}]}""")))
            .Should().Be((HttpStatusCode.Forbidden, ReviewErrorCodes.Forbidden));
        (await Save(ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"roles","val":"Reviewer"},{"typ":"name","val":"ana"}]}"""))).Status
            .Should().Be(HttpStatusCode.OK);

        using var check = new CosmosResultStore(_cosmos);
        var total = (await check.GetDocumentAsync(document.DocumentId))!.Fields["total"];
        total.Review!.Reviewer.Should().Be("ana");
        total.Value!.GetValue<decimal>().Should().Be(1.00m, "the reviewer's text is read as the currency field's amount");
    }

    [Fact]
    public void Easyauth_saves_only_for_the_role_and_never_without_a_principal()
    {
        var (parse, _, auth) = Parse(cloud: true, "--auth", "easyauth", "--save-group", "g-1");
        var identity = auth.Read(parse, "local-user", BehindSignIn);

        Code(() => identity.ReviewerFor(Request(null))).Should().Be(ReviewErrorCodes.Unauthenticated);
        Code(() => identity.ReviewerFor(Request(ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"roles","val":"Reviewer"},{"typ":"name","val":"rui"}]}""")))).Should().Be(ReviewErrorCodes.Forbidden);
        identity.ReviewerFor(Request(ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"groups","val":"g-1"},{"typ":"name","val":"rui"}]}"""))).Should().Be("rui");
    }

    [Fact]
    public void Without_easyauth_the_local_user_reviews_and_forged_headers_are_ignored()
    {
        var (parse, stores, auth) = Parse(cloud: false, "--data", "x");
        var identity = auth.Read(parse, "local-user", BehindSignIn);

        stores.IsCloud(parse).Should().BeFalse("--data alone is the file store, whatever the environment holds");
        identity.AuthenticatesRequests.Should().BeFalse();
        var forged = Request(ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"name","val":"mallory"}]}"""));
        Code(() => identity.ReviewerFor(forged)).Should().Be(ReviewErrorCodes.Unauthenticated, "without the launch token nobody is the local user");
        ReviewCaller.Launcher.AttachTo(forged.HttpContext);
        identity.ReviewerFor(forged).Should().Be("local-user");
    }

    [Theory]
    [InlineData("usage.review_save_role", "--auth", "easyauth")]
    [InlineData("usage.review_auth", "--save-role", "Reviewer")]
    public void Auth_options_that_cannot_work_are_usage_errors(string code, params string[] args)
    {
        var (parse, _, auth) = Parse(cloud: false, args);

        auth.Invoking(a => a.Read(parse, "local-user", BehindSignIn)).Should().Throw<CliUsageException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void An_unknown_auth_mode_is_a_parse_error()
    {
        Parse(cloud: false, "--auth", "basic").Parse.Errors.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Cloud_mode_needs_both_services()
    {
        var (parse, stores, _) = Parse(cloud: false, "--storage", services.StorageConnectionString, "--cosmos", "");

        (await stores.Invoking(s => s.OpenAsync(parse, TextWriter.Null, CancellationToken.None)).Should().ThrowAsync<CliUsageException>())
            .Which.Code.Should().Be("usage.review_cosmos");
    }

    /// <summary>Azure Container Apps with the review app's authConfigs deployed, as the Bicep's second revision sees it.</summary>
    internal static ReviewPlatform BehindSignIn { get; } = ReviewPlatform.From(new Dictionary<string, string>
    {
        [ReviewPlatform.ContainerAppNameVariable] = "docpipe-review",
        [ReviewPlatform.BuiltInAuthVariable] = ReviewPlatform.BuiltInAuthValue,
    });

    private (ParseResult Parse, ReviewStoreOptions Stores, ReviewAuthOptions Auth) Parse(bool cloud, params string[] extra)
    {
        var stores = new ReviewStoreOptions();
        var auth = new ReviewAuthOptions();
        var command = new RootCommand();
        command.Options.Add(new Option<string?>("--data"));
        stores.AddTo(command);
        auth.AddTo(command);
        string[] connection =
        [
            "--cosmos", _cosmos.Endpoint.ToString(), "--cosmos-key", services.CosmosKey, "--emulator",
            "--database", _cosmos.DatabaseName, "--storage", services.StorageConnectionString, "--pages", _pages,
        ];
        return (command.Parse(cloud ? [.. connection, .. extra] : extra), stores, auth);
    }

    private static HttpRequest Request(string? principal)
    {
        var context = new DefaultHttpContext();
        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipalParser.PrincipalHeader] = principal;
        }

        return context.Request;
    }

    private static string Code(Func<string> act) => act.Should().Throw<ReviewException>().Which.Code;
}
