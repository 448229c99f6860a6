using System.Net;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Cli.Review.Cloud;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>Without authentication the review app listens on loopback only.</summary>
public sealed class ReviewBindTests
{
    [Fact]
    public async Task Docpipe_review_refuses_a_non_loopback_host_without_authentication()
    {
        using var data = new ScratchDirectory("docpipe-review-bind");
        var run = await Docpipe.RunAsync("review", "--data", data.Path, "--host", "0.0.0.0", "--port", "0");
        run.Exit.Should().Be(1);
        run.Err.Should().Contain("error [review.insecure_bind]").And.Contain("0.0.0.0");
        run.HasStackTrace.Should().BeFalse();
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task Docpipe_review_turns_an_odd_host_into_a_usage_error_not_an_internal_error(string host)
    {
        using var data = new ScratchDirectory("docpipe-review-bind");
        var run = await Docpipe.RunAsync("review", "--data", data.Path, "--host", host, "--port", "0").WaitAsync(TimeSpan.FromSeconds(60));
        run.Exit.Should().Be(1);
        run.Err.Should().Contain("error [review.host_invalid]").And.Contain("--host must be").And.NotContain("internal error");
        run.HasStackTrace.Should().BeFalse();
    }

    [Fact]
    public async Task The_server_itself_refuses_a_non_loopback_host_for_an_identity_that_does_not_authenticate()
    {
        using var data = new ScratchDirectory("docpipe-review-bind");
        var start = () => ReviewServer.StartAsync(
            new FileResultStore(data.Path),
            new FilePageImageStore(data.Path),
            ReviewIdentity.Local("tester"),
            new ReviewServerOptions { Host = "::", Port = 0 },
            CancellationToken.None);
        (await start.Should().ThrowAsync<CliUsageException>()).Which.Code.Should().Be("review.insecure_bind");
    }

    [Theory]
    [InlineData("127.0.0.1", false, "127.0.0.1")]
    [InlineData("::1", false, "::1")]
    [InlineData("[::1]", false, "::1")]
    [InlineData("localhost", false, "127.0.0.1")]
    [InlineData("10.1.2.3", true, "10.1.2.3")]
    public void Loopback_is_always_allowed_and_other_addresses_once_reviewers_are_authenticated(string host, bool authenticated, string expected) =>
        ReviewBindAddress.Resolve(host, authenticated).Should().Be(IPAddress.Parse(expected));

    [Theory]
    [InlineData("10.1.2.3", false, "review.insecure_bind")]
    [InlineData("example.org", true, "review.host_invalid")]
    [InlineData("", false, "review.host_invalid")]
    [InlineData("::ffff:127.0.0.1", false, "review.host_invalid")]
    [InlineData("::ffff:127.0.0.1", true, "review.host_invalid")]
    [InlineData(" 127.0.0.1", false, "review.host_invalid")]
    [InlineData("127.0.0.1:80", false, "review.host_invalid")]
    [InlineData("fe80::1%1", true, "review.host_invalid")]
    [InlineData("fe80::1", true, "review.host_invalid")]
    [InlineData("224.0.0.1", true, "review.host_invalid")]
    [InlineData("255.255.255.255", true, "review.host_invalid")]
    [InlineData("ff02::1", true, "review.host_invalid")]
    [InlineData("not an address", false, "review.host_invalid")]
    public void Other_hosts_get_a_stable_code(string host, bool authenticated, string code) =>
        FluentActions.Invoking(() => ReviewBindAddress.Resolve(host, authenticated)).Should().Throw<CliUsageException>().Which.Code.Should().Be(code);
}
