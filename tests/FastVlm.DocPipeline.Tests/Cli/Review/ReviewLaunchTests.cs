using System.CommandLine;
using System.Net;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary><c>docpipe review</c> as a user starts it: a fresh secret per launch, printed as a URL and written by <c>--token-file</c> for its owner only.</summary>
public sealed partial class ReviewLaunchTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_command_prints_a_token_url_and_writes_the_token_file_readable_by_its_owner_only()
    {
        using var data = new ScratchDirectory("docpipe-review-launch");
        await ReviewTestData.WriteAsync(data.Path);
        var tokenFile = Path.Combine(data.Path, "review.token");
        await File.WriteAllTextAsync(tokenFile, "stale");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var running = DocpipeRoot.Create().Parse(["review", "--data", data.Path, "--port", "0", "--token-file", tokenFile])
            .InvokeAsync(new InvocationConfiguration { Output = TextWriter.Synchronized(output), Error = TextWriter.Synchronized(error) }, stop.Token);
        try
        {
            Match url;
            while (!(url = LaunchUrl().Match(Snapshot(output))).Success)
            {
                running.IsCompleted.Should().BeFalse(Snapshot(error));
                await Task.Delay(50, stop.Token);
            }

            var token = await File.ReadAllTextAsync(tokenFile, stop.Token);
            url.Groups["token"].Value.Should().Be(token).And.HaveLength(43).And.MatchRegex("^[A-Za-z0-9_-]+$");
            File.GetUnixFileMode(tokenFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            (await browser.GetAsync(new Uri(url.Value), stop.Token)).StatusCode.Should().Be(HttpStatusCode.SeeOther);
            (await browser.GetAsync(new Uri(new Uri(url.Value), "/api/queue"), stop.Token)).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie of the swap lets it in");
            using var other = new HttpClient(new HttpClientHandler { UseCookies = false });
            (await other.GetAsync(new Uri(new Uri(url.Value), "/api/queue"), stop.Token)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "another client has neither token nor cookie");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        Snapshot(error).Should().Contain(ReviewAccessLog.LinePrefix + " ").And.Contain("code=review.token_required", "refusals are logged on stderr");
    }

    [Fact]
    public void Two_launches_get_different_tokens_and_a_token_matches_only_itself()
    {
        var first = ReviewLaunchToken.Create();
        var second = ReviewLaunchToken.Create();

        first.Value.Should().NotBe(second.Value);
        first.Matches(first.Value).Should().BeTrue();
        first.Matches(second.Value).Should().BeFalse();
        first.Matches(first.Value[..^1]).Should().BeFalse();
        first.Matches(first.Value + "x").Should().BeFalse();
        first.Matches("").Should().BeFalse();
        first.Matches(null).Should().BeFalse();
    }

    private static string Snapshot(StringWriter writer)
    {
        lock (writer)
        {
            return writer.ToString();
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/\?token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex LaunchUrl();
}
