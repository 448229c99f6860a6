using System.Diagnostics;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>
/// A <c>docpipe extract --force</c> of a reviewed document killed with SIGKILL strands nothing: the document stays
/// final with the reviewed values, shows an interrupted run once its lease expires, takes saves, and the next run keeps
/// every decision.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class KilledRunReviewTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("docpipe-killed-").FullName;

    private string[] Extract(params string[] more) =>
        ["extract", TinyModelFixture.Sample("invoice-multipage.pdf"), "--schema", "invoice", "--model", fixture.ModelDirectory, "--data", _data, .. more];

    [Fact]
    public async Task A_killed_rerun_leaves_the_review_in_force_reviewable_and_taken_over_by_the_next_run()
    {
        var first = await Docpipe.RunProcessAsync(TimeSpan.FromMinutes(5), Extract());
        first.Exit.Should().Be(0, first.Err);
        var store = new FileResultStore(_data);
        var documentId = (await store.ListDocumentsAsync().SingleAsync()).DocumentId;
        var review = new DocumentReviewService(store);
        var document = (await review.GetDocumentAsync(documentId))!;
        document = await review.ReviewFieldAsync(documentId, "vendorName", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonValue.Create("Reviewed Vendor GmbH"), ETag = DocumentETag.Of(document) }, "ana");
        document = await review.ApproveAsync(documentId, "ana", DocumentETag.Of(document), acceptFlagged: document.Fields.Values.Count(f => f.NeedsReview && !f.Reviewed));
        var reviewedRun = document.FieldsRunId;

        await RunAndKillAfterFirstPageAsync(Extract("--force"));

        var stranded = (await store.GetDocumentAsync(documentId))!;
        stranded.Status.Should().Be(DocumentStatus.Reviewed, "a finished document stays final while a later run is in progress or dead");
        stranded.FieldsRunId.Should().Be(reviewedRun);
        stranded.Lease.Should().NotBeNull();
        stranded.Lease!.RunId.Should().Be(stranded.RunId).And.NotBe(reviewedRun);
        stranded.Fields["vendorName"].Value!.GetValue<string>().Should().Be("Reviewed Vendor GmbH");

        var afterLease = new DocumentReviewService(store, new FixedClock(stranded.Lease.ExpiresAt.AddSeconds(1)));
        var line = (await afterLease.GetQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Reviewed })).Documents.Should().ContainSingle().Which;
        line.Interrupted.Should().BeTrue("its run lost its lease");
        var saved = await afterLease.ReviewFieldAsync(documentId, "customerName", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonValue.Create("Globex"), ETag = DocumentETag.Of(stranded) }, "ben");
        saved.Fields["customerName"].Value!.GetValue<string>().Should().Be("Globex");

        var next = await Docpipe.RunProcessAsync(TimeSpan.FromMinutes(5), Extract("--force"));
        next.Exit.Should().Be(0, next.Err);
        next.Err.Should().MatchRegex(@"\d+ reviewed fields kept");
        var final = (await store.GetDocumentAsync(documentId))!;
        final.Lease.Should().BeNull();
        final.Fields["vendorName"].Value!.GetValue<string>().Should().Be("Reviewed Vendor GmbH");
        final.Fields["customerName"].Value!.GetValue<string>().Should().Be("Globex");
        (await store.GetReviewAsync(documentId))!.Decisions.Select(d => d.Reviewer).Should().Contain("ana").And.Contain("ben");
    }

    private static async Task RunAndKillAfterFirstPageAsync(string[] args)
    {
        var start = Docpipe.StartInfo(args);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var firstPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(" done in ", StringComparison.Ordinal) == true)
            {
                firstPage.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await firstPage.Task.WaitAsync(TimeSpan.FromMinutes(3));
            var kill = new ProcessStartInfo("kill") { ArgumentList = { "-KILL", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            (await ChildProcess.RunAsync(kill, TimeSpan.FromSeconds(30), "kill must be on PATH.")).EnsureSuccess();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            await stdout;
            process.ExitCode.Should().Be(137, "SIGKILL ends the process without any clean-up");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(now, DateTimeKind.Utc));
    }
}
