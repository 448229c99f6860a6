using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>
/// Who the local review server lets in (issue 20): only its own host names (DNS rebinding gets 421), only the holder
/// of the launch token or its cookie (any other local process gets 401), writes only from its own origin; and the
/// hardening of its bodies, etags, headers, errors and locks, with every write and refusal in the access log.
/// </summary>
public sealed class ReviewAccessTests : IAsyncLifetime
{
    private const string InvoicePath = $"/api/documents/{ReviewTestData.InvoiceId}";
    private const string InitialETag = $"{ReviewTestData.RunId}.0";

    private static readonly string[] Reads =
    [
        "/", "/app.js", "/app.css", "/favicon.ico", "/api/queue", "/api/schemas", InvoicePath, $"{InvoicePath}/pages/1/image",
    ];

    private RunningReviewServer _app = null!;

    private int Port => _app.Server.Address.Port;

    public async Task InitializeAsync() => _app = await RunningReviewServer.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string> ForeignHosts() => ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost", "localhost.evil.example:{port}", "0.0.0.0:{port}", "[::ffff:127.0.0.1]:{port}"];

    [Theory]
    [MemberData(nameof(ForeignHosts))]
    public async Task Every_route_refuses_a_foreign_host_with_421_before_any_handler_runs_even_with_the_token(string host)
    {
        var hostHeader = host.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        foreach (var path in Reads.Append($"/?token={_app.Server.LaunchToken!.Value}"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = hostHeader;
            await ExpectAsync(await _app.Http.SendAsync(request), HttpStatusCode.MisdirectedRequest, "review.host_not_allowed", $"{hostHeader} {path}");
        }

        foreach (var (path, body) in new[] { ($"{InvoicePath}/fields/total", "{\"action\":\"edited\",\"value\":\"1\"}"), ($"{InvoicePath}/approve", "{}") })
        {
            using var request = Post(path, body, InitialETag);
            request.Headers.Host = hostHeader;
            await ExpectAsync(await _app.Http.SendAsync(request), HttpStatusCode.MisdirectedRequest, "review.host_not_allowed", $"{hostHeader} {path}");
        }

        var document = (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!;
        document.Review.Should().BeNull("nothing was approved");
        document.Fields["total"].Review.Should().BeNull("nothing was edited");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("[::1]")]
    public async Task The_loopback_names_with_the_servers_port_are_served(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/queue");
        request.Headers.Host = $"{name}:{Port}";
        (await _app.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_local_process_without_the_token_reads_and_writes_nothing_and_is_told_where_the_url_is()
    {
        foreach (var path in Reads)
        {
            var refused = await _app.Anonymous.GetAsync(path);
            await ExpectAsync(refused, HttpStatusCode.Unauthorized, "review.token_required", path);
            refused.Headers.WwwAuthenticate.Should().NotBeEmpty();
        }

        var body = (await (await _app.Anonymous.GetAsync("/api/queue")).Content.ReadFromJsonAsync<JsonObject>())!;
        ((string)body["message"]!).Should().Contain("printed").And.Contain("--token-file").And.Contain("?token=").And.NotContain(_app.Server.LaunchToken!.Value);

        using var approve = Post($"{InvoicePath}/approve", "{}", InitialETag);
        await ExpectAsync(await _app.Anonymous.SendAsync(approve), HttpStatusCode.Unauthorized, "review.token_required");
        using var wrongBearer = new HttpRequestMessage(HttpMethod.Get, "/api/queue");
        wrongBearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token");
        await ExpectAsync(await _app.Anonymous.SendAsync(wrongBearer), HttpStatusCode.Unauthorized, "review.token_invalid");
        using var wrongCookie = new HttpRequestMessage(HttpMethod.Get, "/api/queue");
        wrongCookie.Headers.Add("Cookie", $"{ReviewAccessGate.CookieName(Port)}={_app.Server.LaunchToken.Value}x");
        await ExpectAsync(await _app.Anonymous.SendAsync(wrongCookie), HttpStatusCode.Unauthorized, "review.token_invalid");
        await ExpectAsync(await _app.Anonymous.GetAsync("/?token=guess"), HttpStatusCode.Unauthorized, "review.token_invalid");
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Status.Should().Be(DocumentStatus.Completed, "nothing was approved");
    }

    [Fact]
    public async Task The_token_url_is_swapped_for_a_strict_http_only_cookie_and_a_redirect_to_the_same_url_without_the_token()
    {
        var token = _app.Server.LaunchToken!.Value;
        _app.Server.LaunchUri.ToString().Should().Be($"http://127.0.0.1:{Port}/?token={token}");

        var swapped = await _app.Anonymous.GetAsync($"/?view=failed&token={token}");

        swapped.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        swapped.Headers.Location!.OriginalString.Should().Be("/?view=failed");
        var cookie = swapped.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith($"{ReviewAccessGate.CookieName(Port)}={token};");
        cookie.ToLowerInvariant().Should().Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/");
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/queue");
        withCookie.Headers.Add("Cookie", $"{ReviewAccessGate.CookieName(Port)}={token}");
        (await _app.Anonymous.SendAsync(withCookie)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Anonymous.GetAsync(new Uri($"http://127.0.0.1:{Port}//evil.example/?token={token}"))).Headers.Location!.OriginalString.Should().Be("/", "never a redirect to another host");
    }

    [Fact]
    public async Task Writes_from_another_origin_are_refused_even_with_the_csrf_header_and_the_token()
    {
        foreach (var origin in new[] { "http://evil.example", "null", $"http://127.0.0.1:{Port + 1}", $"https://127.0.0.1:{Port}", $"http://evil.example:{Port}" })
        {
            using var request = Post($"{InvoicePath}/fields/total", "{\"action\":\"edited\",\"value\":\"1\"}", InitialETag);
            request.Headers.Add("Origin", origin);
            await ExpectAsync(await _app.Http.SendAsync(request), HttpStatusCode.Forbidden, "review.origin_refused", origin);
        }

        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Fields["total"].Review.Should().BeNull();
        using var own = Post($"{InvoicePath}/fields/total", "{\"action\":\"accepted\"}", InitialETag);
        own.Headers.Add("Origin", $"http://localhost:{Port}");
        (await _app.Http.SendAsync(own)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_response_carries_same_origin_resource_and_opener_policies()
    {
        var responses = new List<HttpResponseMessage>();
        foreach (var path in Reads)
        {
            responses.Add(await _app.Http.GetAsync(path));
        }

        responses.Add(await _app.Anonymous.GetAsync($"{InvoicePath}/pages/1/image"));
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/queue") { Headers = { Host = "evil.example" } };
        responses.Add(await _app.Http.SendAsync(foreign));
        foreach (var response in responses)
        {
            response.Headers.GetValues("Cross-Origin-Resource-Policy").Should().Equal(["same-origin"], response.RequestMessage!.RequestUri!.ToString());
            response.Headers.GetValues("Cross-Origin-Opener-Policy").Should().Equal(["same-origin"], response.RequestMessage!.RequestUri!.ToString());
        }
    }

    [Theory]
    [InlineData("fields/total", "{\"action\":\"accepted\",\"action\":\"edited\",\"value\":\"9\"}")]
    [InlineData("fields/total", "{\"action\":\"edited\",\"value\":\"1\",\"value\":\"2\"}")]
    [InlineData("approve", "{\"a\":1,\"a\":2}")]
    public async Task Bodies_with_a_key_given_twice_are_refused(string path, string body)
    {
        await ExpectAsync(await _app.Http.SendAsync(Post($"{InvoicePath}/{path}", body, InitialETag)), HttpStatusCode.BadRequest, "review.body_invalid");
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Review.Should().BeNull("nothing was written");
    }

    [Theory]
    [InlineData("W/\"" + InitialETag + "\"")]
    [InlineData("w/\"" + InitialETag + "\"")]
    public async Task A_weak_etag_is_refused_for_writes(string ifMatch)
    {
        using var request = Post($"{InvoicePath}/approve", "{}", etag: null);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        await ExpectAsync(await _app.Http.SendAsync(request), HttpStatusCode.PreconditionFailed, "review.etag_weak");
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Status.Should().Be(DocumentStatus.Completed);
    }

    [Fact]
    public async Task Error_bodies_carry_a_code_and_never_a_server_path()
    {
        await File.WriteAllTextAsync(Path.Combine(_app.DataDirectory, "documents", ReviewTestData.InvoiceId, "document.json"), "{ broken");

        var response = await _app.Http.GetAsync(InvoicePath);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        ((string)body["code"]!).Should().Be("store.corrupt");
        var message = (string)body["message"]!;
        message.Should().Contain($"{ReviewTestData.InvoiceId}/document.json", "it still says which file is broken")
            .And.NotContain(_app.DataDirectory).And.NotContain(Path.GetTempPath().TrimEnd('/'));
    }

    [Theory]
    [InlineData("Result file /srv/data/documents/d1/document.json cannot be read.", "Result file …/d1/document.json cannot be read.")]
    [InlineData("delete the folder /srv/data/documents/d1 and run it again", "delete the folder …/documents/d1 and run it again")]
    [InlineData(@"Result file C:\data\documents\d1\document.json is bad", "Result file …/d1/document.json is bad")]
    [InlineData("See http://127.0.0.1:5088/api/documents/x for it", "See http://127.0.0.1:5088/api/documents/x for it")]
    [InlineData("There is no document 'a/b'.", "There is no document 'a/b'.")]
    public void Paths_in_error_messages_are_cut_to_their_last_two_parts(string message, string expected) =>
        ReviewErrorText.WithoutPaths(message).Should().Be(expected);

    [Fact]
    public async Task A_document_locked_by_another_process_gives_a_quick_503_with_retry_after_and_a_stable_code()
    {
        var lockPath = Path.Combine(_app.DataDirectory, "documents", ReviewTestData.InvoiceId, ".review.lock");
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        await using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            response = await _app.Http.SendAsync(Post($"{InvoicePath}/approve", "{\"acceptFlagged\":2}", InitialETag));
        }

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a held lock is reported after a bounded wait of a few seconds");
        await ExpectAsync(response, HttpStatusCode.ServiceUnavailable, "store.document_locked");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await response.Content.ReadAsStringAsync()).Should().NotContain(_app.DataDirectory);
        (await _app.Store.GetReviewAsync(ReviewTestData.InvoiceId)).Should().BeNull("nothing was written");
        (await _app.Http.SendAsync(Post($"{InvoicePath}/approve", "{\"acceptFlagged\":2}", InitialETag))).StatusCode.Should().Be(HttpStatusCode.OK, "once the lock is free the save goes through");
    }

    [Fact]
    public async Task Every_write_and_every_refused_request_is_logged_with_who_what_when_and_the_outcome()
    {
        (await _app.Http.SendAsync(Post($"{InvoicePath}/fields/total", "{\"action\":\"accepted\"}", InitialETag))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Http.GetAsync("/api/queue")).StatusCode.Should().Be(HttpStatusCode.OK);
        await _app.Anonymous.GetAsync("/api/queue");
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/schemas") { Headers = { Host = "evil.example" } };
        await _app.Http.SendAsync(foreign);
        await _app.Http.SendAsync(Post($"{InvoicePath}/approve", "{\"acceptFlagged\":2}", InitialETag));

        var lines = RunningReviewServer.Lines(_app.AccessLog);
        lines.Should().HaveCount(4, "the read that succeeded is not logged; the write, two refusals and the stale approval are");
        lines.Should().OnlyContain(l => l.StartsWith(ReviewAccessLog.LinePrefix + " time=", StringComparison.Ordinal));
        lines[0].Should().Contain($"who=\"{RunningReviewServer.Reviewer}\"").And.Contain($"what=\"POST {InvoicePath}/fields/total\"").And.Contain("outcome=allowed status=200");
        lines[1].Should().Contain("who=\"anonymous\"").And.Contain("what=\"GET /api/queue\"").And.Contain("outcome=refused status=401 code=review.token_required");
        lines[2].Should().Contain("who=\"anonymous\"").And.Contain("host=\"evil.example\"").And.Contain("status=421 code=review.host_not_allowed");
        lines[3].Should().Contain($"who=\"{RunningReviewServer.Reviewer}\"").And.Contain("approve").And.Contain("outcome=refused status=409 code=review.conflict");
        DateTimeOffset.Parse(lines[0].Split("time=")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    private static HttpRequestMessage Post(string path, string body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ReviewServerOptions.CsrfHeader, "1");
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{etag}\"");
        }

        return request;
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string code, string because = "")
    {
        response.StatusCode.Should().Be(status, because);
        var text = await response.Content.ReadAsStringAsync();
        (JsonNode.Parse(text)?["code"]?.GetValue<string>()).Should().Be(code, because);
    }
}
