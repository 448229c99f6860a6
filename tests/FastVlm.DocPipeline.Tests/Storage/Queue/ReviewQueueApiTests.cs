using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Tests.Cli.Review;

namespace FastVlm.DocPipeline.Tests.Storage.Queue;

/// <summary>Issue 18 through the review app's API: pages follow the continuation, and a token it did not hand out is a 400 with a code.</summary>
public sealed class ReviewQueueApiTests : IAsyncLifetime
{
    private RunningReviewServer _app = null!;

    public async Task InitializeAsync() => _app = await RunningReviewServer.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_continuation_of_a_page_fetches_the_next_one_until_none_is_left()
    {
        var seen = new List<string>();
        var query = "/api/queue?view=recent&limit=1";
        for (var page = 0; page < 10; page++)
        {
            var body = (await _app.Http.GetFromJsonAsync<JsonObject>(query))!;
            seen.AddRange(body["documents"]!.AsArray().Select(d => d!["documentId"]!.GetValue<string>()));
            if (body["continuation"] is not JsonValue continuation)
            {
                body["truncated"]!.GetValue<bool>().Should().BeFalse();
                break;
            }

            query = "/api/queue?view=recent&limit=1&continuation=" + Uri.EscapeDataString(continuation.GetValue<string>());
        }

        seen.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        seen.Should().Equal((await _app.Http.GetFromJsonAsync<JsonObject>("/api/queue?view=recent"))!["documents"]!.AsArray().Select(d => d!["documentId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_continuation_it_did_not_hand_out_is_refused_with_what_to_do()
    {
        var response = await _app.Http.GetAsync("/api/queue?continuation=forged");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["code"]!.GetValue<string>().Should().Be("review.query_invalid");
        body["message"]!.GetValue<string>().Should().Contain("first page").And.NotContain("Parameter");
    }
}
