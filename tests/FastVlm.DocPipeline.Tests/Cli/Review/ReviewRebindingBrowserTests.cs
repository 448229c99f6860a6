using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.Playwright;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>
/// Attacks from other pages in a real browser (Debian's chromium, its local-network protections off): a DNS-rebinding
/// page whose name now points at 127.0.0.1 reads and writes nothing (421), and a page of another local origin cannot
/// show the review server's page images even while the reviewer is signed in (Cross-Origin-Resource-Policy).
/// </summary>
public sealed class ReviewRebindingBrowserTests(RebindingChromiumFixture chromium) : IClassFixture<RebindingChromiumFixture>, IAsyncLifetime
{
    private const string AttackPage = "<!doctype html><title>cute cats</title><p>nothing to see</p>";

    private RunningReviewServer _app = null!;

    private int Port => _app.Server.Address.Port;

    private string ImagePath => $"/api/documents/{ReviewTestData.InvoiceId}/pages/1/image";

    public async Task InitializeAsync() => _app = await RunningReviewServer.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_rebinding_page_under_another_name_reads_and_approves_nothing()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await LogInAsync(page);
        var attacker = $"http://{RebindingChromiumFixture.RebindHost}:{Port}";
        await page.RouteAsync($"{attacker}/cats.html", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = AttackPage }));
        await page.GotoAsync($"{attacker}/cats.html");

        // Same origin as far as the browser knows: the page may read whatever its "own" server answers.
        var stolen = await page.EvaluateAsync<JsonElement>(
            """
            async ([document, image]) => {
              const read = async (path, init) => { try { const r = await fetch(path, init); return { status: r.status, body: await r.text() }; } catch (e) { return { status: 0, body: String(e) }; } };
              return {
                queue: await read('/api/queue'),
                document: await read('/api/documents/' + document),
                image: await read(image),
                approve: await read('/api/documents/' + document + '/approve', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Docpipe-Review': '1', 'If-Match': '"r1.0"' }, body: '{}' }),
              };
            }
            """,
            new object[] { ReviewTestData.InvoiceId, ImagePath });

        foreach (var name in new[] { "queue", "document", "image", "approve" })
        {
            stolen.GetProperty(name).GetProperty("status").GetInt32().Should().Be(421, name);
            stolen.GetProperty(name).GetProperty("body").GetString().Should().Contain("review.host_not_allowed", name).And.NotContain("Globex", name).And.NotContain("INV-2047", name);
        }

        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Status.Should().Be(DocumentStatus.Completed, "the rebinding page approved nothing");
        RunningReviewServer.Lines(_app.AccessLog).Should().Contain(l => l.Contains($"host=\"{RebindingChromiumFixture.RebindHost}:{Port}\"", StringComparison.Ordinal) && l.Contains("status=421", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_of_another_local_origin_cannot_show_the_page_images_even_while_the_reviewer_is_signed_in()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await LogInAsync(page);
        (await LoadImageAsync(page, _app.Server.Address + ImagePath[1..])).Should().BeTrue("the review app's own page shows its images");

        // Another port on 127.0.0.1 is another origin but the same site, so the SameSite=Strict cookie goes along:
        // only Cross-Origin-Resource-Policy keeps the image from being embedded there.
        var other = $"http://127.0.0.1:{Port + 1}";
        await page.RouteAsync($"{other}/cats.html", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = AttackPage }));
        var imageRequests = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains(ImagePath, StringComparison.Ordinal))
            {
                imageRequests.Add(request);
            }
        };
        await page.GotoAsync($"{other}/cats.html");

        (await LoadImageAsync(page, _app.Server.Address + ImagePath[1..])).Should().BeFalse("the image is same-origin only");
        var sent = imageRequests.Should().ContainSingle().Subject;
        (await sent.AllHeadersAsync()).Should().ContainKey("cookie", "the reviewer's cookie was sent, so only CORP blocked it");
    }

    private async Task LogInAsync(IPage page)
    {
        var response = await page.GotoAsync(_app.Server.LaunchUri.ToString());
        response!.Ok.Should().BeTrue();
        page.Url.Should().Be(_app.Server.Address.ToString(), "the token is swapped for a cookie and dropped from the URL");
        (await page.Context.CookiesAsync()).Should().ContainSingle(c => c.Name == FastVlm.DocPipeline.Cli.Review.ReviewAccessGate.CookieName(Port) && c.HttpOnly && c.SameSite == SameSiteAttribute.Strict);
    }

    private static Task<bool> LoadImageAsync(IPage page, string url) => page.EvaluateAsync<bool>(
        """
        url => new Promise(resolve => {
          const image = new Image();
          image.onload = () => resolve(image.naturalWidth > 0);
          image.onerror = () => resolve(false);
          image.src = url + '?' + Math.random();
        })
        """,
        url);
}
