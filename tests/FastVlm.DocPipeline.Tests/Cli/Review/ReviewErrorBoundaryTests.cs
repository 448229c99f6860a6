using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Cli.Review.Cloud;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>A failure nobody mapped is 500 <c>review.internal</c> with no details for the caller, and the details on the server's console.</summary>
public sealed class ReviewErrorBoundaryTests
{
    [Fact]
    public async Task An_unexpected_failure_is_a_500_with_a_code_and_no_details()
    {
        using var data = new ScratchDirectory("docpipe-review-boundary");
        var console = new StringWriter();
        await using var server = await ReviewServer.StartAsync(
            new BrokenStore(),
            new FilePageImageStore(data.Path),
            ReviewIdentity.Local("tester"),
            new ReviewServerOptions { Port = 0, LaunchToken = ReviewLaunchToken.FromValue("known-token"), ErrorLog = TextWriter.Synchronized(console), AccessLog = new ReviewAccessLog(TextWriter.Synchronized(console), null) },
            CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "known-token");

        var response = await http.GetAsync("/api/queue");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        ((string)body["code"]!).Should().Be("review.internal");
        ((string)body["message"]!).Should().NotContain("/srv/secret").And.NotContain(nameof(InvalidOperationException));
        response.Headers.GetValues("Cross-Origin-Resource-Policy").Should().Equal("same-origin");
        console.ToString().Should().Contain("InvalidOperationException").And.Contain("status=500 code=review.internal");
    }

    private sealed class BrokenStore : IResultStore
    {
        public Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => throw Broken();

        public Task<DocumentRecord> UpdateDocumentAsync(string documentId, Func<DocumentRecord?, DocumentRecord> update, CancellationToken cancellationToken = default) => throw Broken();

        public Task<IReadOnlyList<PageRecord>> GetPagesAsync(string documentId, CancellationToken cancellationToken = default) => throw Broken();

        public Task UpsertPageAsync(PageRecord page, CancellationToken cancellationToken = default) => throw Broken();

        public Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default) => throw Broken();

        public Task<IReadOnlyList<RunRecord>> GetRunsAsync(string documentId, CancellationToken cancellationToken = default) => throw Broken();

        public IAsyncEnumerable<DocumentRecord> ListDocumentsAsync(DocumentStatus? status = null, CancellationToken cancellationToken = default) => throw Broken();

        public IAsyncEnumerable<DocumentRecord> FindReviewedBySourceAsync(string sha256, CancellationToken cancellationToken = default) => throw Broken();

        public Task<ReviewRecord?> GetReviewAsync(string documentId, CancellationToken cancellationToken = default) => throw Broken();

        public Task<ReviewRecord> UpdateReviewAsync(string documentId, Func<ReviewRecord?, ReviewRecord> update, CancellationToken cancellationToken = default) => throw Broken();

        private static InvalidOperationException Broken() => new("the disk at /srv/secret/results fell off");
    }
}
