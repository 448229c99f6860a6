using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Tests.Workflow;

public class DocumentWorkflowTests
{
    private static void ScriptInvoice(ScriptedVisionModel model)
    {
        model.Answer(1, "What is the invoice number?", "INV-0042", 0.95);
        model.Answer(2, "What is the invoice number?", "INV-0043", 0.99);
        model.Answer(1, "What is the invoice date?", "March 5, 2024", 0.8);
        model.Answer(3, "What is the total?", "$1,234.50", 0.3);
    }

    [Fact]
    public async Task A_document_yields_a_complete_stored_result()
    {
        using var harness = new WorkflowHarness();
        ScriptInvoice(harness.Model);
        var name = harness.AddDocument("invoice.pdf", pages: 3);

        var result = await harness.RunAsync(name);

        result.Status.Should().Be(DocumentStatus.Completed);
        result.PageCount.Should().Be(3);
        result.PagesExtracted.Should().Be(3);
        result.FailedPages.Should().BeEmpty();

        var document = (await harness.Store.GetDocumentAsync(result.DocumentId))!;
        document.Status.Should().Be(DocumentStatus.Completed);
        document.RunId.Should().Be(result.RunId);
        document.PageCount.Should().Be(3);
        document.PagesDone.Should().Be(3);
        document.Schema.Should().Be(new SchemaRef("test-invoice", "1"));
        document.Source.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(harness.Root, "in", name)))));
        document.Model!.Name.Should().Be("scripted-test-model");
        document.TimingsMs.Keys.Should().Contain(["rasterize", "extract", "total"]);
        document.CompletedAt.Should().NotBeNull();
        document.Fields.Keys.Should().BeEquivalentTo(["number", "date", "total", "paid"]);

        document.Fields["number"].Value!.GetValue<string>().Should().Be("INV-0042", "page 1 is the hinted page");
        document.Fields["number"].Page.Should().Be(1);
        document.Fields["date"].Value!.GetValue<string>().Should().Be("2024-03-05");
        document.Fields["date"].Confidence.Should().BeApproximately(0.8, 1e-3);
        document.Fields["total"].Value!.GetValue<decimal>().Should().Be(1234.50m);
        document.Fields["total"].Currency.Should().Be("USD");
        document.Fields["total"].Page.Should().Be(3);
        document.Fields["total"].NeedsReview.Should().BeTrue("0.3 is below the 0.5 threshold");
        document.Fields["paid"].Found.Should().BeFalse();
        document.Fields["paid"].Value.Should().BeNull();
        document.NeedsReview.Should().BeTrue();

        var pages = await harness.Store.GetPagesAsync(result.DocumentId);
        pages.Select(p => p.Page).Should().Equal(1, 2, 3);
        pages.Should().OnlyContain(p => p.Status == PageStatuses.Done && p.RunId == result.RunId && p.Answers.Count == 4);
        pages.Should().OnlyContain(p => p.TimingsMs.ContainsKey("encode") && p.TimingsMs.ContainsKey("total"));
        pages[1].Answers["number"].Raw.Should().Be("INV-0043");

        foreach (var page in pages)
        {
            await using var png = await harness.Images.OpenPageImageAsync(page.ImageName!);
            using var buffer = new MemoryStream();
            await png.CopyToAsync(buffer);
            FakeRasterizer.PageOf(FastVlm.DocPipeline.Imaging.ImageDecoder.Decode(buffer.ToArray())).Should().Be(page.Page);
        }

        var runs = await harness.Store.GetRunsAsync(result.DocumentId);
        runs.Should().ContainSingle().Which.Status.Should().Be(DocumentStatus.Completed);
        harness.Model.Encodes.Should().Be(3);
        harness.Model.Asks.Should().Be(12);
        harness.DataFiles().Should().NotContain(f => f.EndsWith(".tmp"));
    }

    [Fact]
    public async Task Running_again_skips_done_pages_keeps_the_id_and_adds_a_run_unless_forced()
    {
        using var harness = new WorkflowHarness();
        ScriptInvoice(harness.Model);
        var name = harness.AddDocument("invoice.pdf", pages: 3);
        var copy = harness.AddDocument("same-bytes-other-name.pdf", pages: 3);

        var first = await harness.RunAsync(name);
        var second = await harness.RunAsync(copy);

        second.DocumentId.Should().Be(first.DocumentId);
        second.RunId.Should().NotBe(first.RunId);
        second.PagesSkipped.Should().Be(3);
        second.PagesExtracted.Should().Be(0);
        second.Status.Should().Be(DocumentStatus.Completed);
        harness.Model.Encodes.Should().Be(3, "no page was extracted again");
        harness.Rasterizer.Renders.Should().Be(3, "no page was rendered again");
        var document = (await harness.Store.GetDocumentAsync(first.DocumentId))!;
        document.RunId.Should().Be(second.RunId);
        document.Fields["number"].Value!.GetValue<string>().Should().Be("INV-0042");

        var forced = await harness.RunAsync(name, force: true);

        forced.PagesExtracted.Should().Be(3);
        forced.PagesSkipped.Should().Be(0);
        harness.Model.Encodes.Should().Be(6);
        var runs = await harness.Store.GetRunsAsync(first.DocumentId);
        runs.Select(r => r.RunId).Should().BeEquivalentTo([first.RunId, second.RunId, forced.RunId]);
        runs.Single(r => r.RunId == second.RunId).PagesSkipped.Should().Equal(1, 2, 3);
        runs.Single(r => r.RunId == forced.RunId).Forced.Should().BeTrue();
    }

    [Fact]
    public async Task Another_schema_version_is_another_document()
    {
        using var harness = new WorkflowHarness();
        var name = harness.AddDocument("a.pdf", pages: 1);

        var v1 = await harness.RunAsync(name);
        var v2 = await harness.RunAsync(name, schema: WorkflowHarness.Schema with { Version = "2" });

        v2.DocumentId.Should().NotBe(v1.DocumentId);
        v2.PagesExtracted.Should().Be(1);
    }

    [Fact]
    public async Task A_page_that_keeps_throwing_is_retried_then_recorded_while_the_others_complete()
    {
        using var harness = new WorkflowHarness();
        ScriptInvoice(harness.Model);
        harness.Model.BeforeEncode = (page, _, _) => page == 2 ? throw new InvalidOperationException("decoder exploded") : Task.CompletedTask;
        var name = harness.AddDocument("invoice.pdf", pages: 3);

        var result = await harness.RunAsync(name);

        result.Status.Should().Be(DocumentStatus.Completed);
        result.PagesExtracted.Should().Be(2);
        var failure = result.FailedPages.Should().ContainSingle().Which;
        failure.Page.Should().Be(2);
        failure.Attempts.Should().Be(WorkflowRetryPolicies.Fast.ExtractPage.MaxNumberOfAttempts);
        failure.Code.Should().Be(ActivityFailure.UnknownCode);
        failure.Message.Should().Contain("decoder exploded");
        harness.Model.EncodesOf(2).Should().Be(3);
        harness.Model.EncodesOf(1).Should().Be(1);

        var document = (await harness.Store.GetDocumentAsync(result.DocumentId))!;
        document.PagesDone.Should().Be(2);
        document.PagesFailed.Should().Be(1);
        document.FailedPages.Should().ContainSingle().Which.Page.Should().Be(2);
        document.Fields["total"].Page.Should().Be(3);
        var pages = await harness.Store.GetPagesAsync(result.DocumentId);
        pages.Single(p => p.Page == 2).Status.Should().Be(PageStatuses.Failed);
        pages.Single(p => p.Page == 2).Error!.Message.Should().Contain("decoder exploded");

        // The next run retries only the failed page.
        harness.Model.BeforeEncode = null;
        var rerun = await harness.RunAsync(name);
        rerun.PagesExtracted.Should().Be(1);
        rerun.PagesSkipped.Should().Be(2);
        rerun.FailedPages.Should().BeEmpty();
        (await harness.Store.GetDocumentAsync(result.DocumentId))!.PagesDone.Should().Be(3);
    }

    [Fact]
    public async Task Transient_failures_pass_on_retry_and_permanent_ones_are_not_retried()
    {
        using var harness = new WorkflowHarness();
        harness.Model.BeforeEncode = (page, attempt, _) => (page, attempt) switch
        {
            (1, 1) => throw new TransientTestException("busy"),
            (2, _) => throw new DocPipelineException("image.corrupt", "bad pixels"),
            _ => Task.CompletedTask,
        };
        var name = harness.AddDocument("doc.pdf", pages: 2);

        var result = await harness.RunAsync(name);

        harness.Model.EncodesOf(1).Should().Be(2);
        harness.Model.EncodesOf(2).Should().Be(1);
        result.FailedPages.Should().ContainSingle().Which.Should().Be(new PageFailure(2, "image.corrupt", "bad pixels", 1));
    }

    [Fact]
    public async Task An_unreadable_document_is_stored_as_failed_without_retrying()
    {
        using var harness = new WorkflowHarness();
        var name = harness.AddFile("broken.pdf", "%PDF-1.7 garbage");

        var result = await harness.RunAsync(name);

        result.Status.Should().Be(DocumentStatus.Failed);
        result.Error!.Code.Should().Be(RasterizationErrorCodes.Corrupt);
        harness.Rasterizer.Opens.Should().Be(1);
        var document = (await harness.Store.GetDocumentAsync(result.DocumentId))!;
        document.Status.Should().Be(DocumentStatus.Failed);
        document.Error!.Code.Should().Be("pdf.corrupt");
        document.Fields.Values.Should().OnlyContain(f => !f.Found);
        (await harness.Store.GetRunsAsync(result.DocumentId)).Single().Status.Should().Be(DocumentStatus.Failed);
    }

    [Fact]
    public async Task Without_the_page_cache_pages_are_decoded_from_the_stored_png()
    {
        using var harness = new WorkflowHarness(pageCache: false);
        ScriptInvoice(harness.Model);
        var name = harness.AddDocument("invoice.pdf", pages: 3);

        var result = await harness.RunAsync(name);

        var document = (await harness.Store.GetDocumentAsync(result.DocumentId))!;
        document.Fields["number"].Value!.GetValue<string>().Should().Be("INV-0042");
        document.Fields["total"].Page.Should().Be(3);
    }

    [Fact]
    public async Task Model_work_never_exceeds_the_extract_concurrency_across_documents()
    {
        using var harness = new WorkflowHarness(extractConcurrency: 1);
        var a = harness.AddDocument("a.pdf", pages: 4);
        var b = harness.AddDocument("b.pdf", pages: 5);

        var results = await Task.WhenAll(harness.RunAsync(a), harness.RunAsync(b));

        results.Should().OnlyContain(r => r.Status == DocumentStatus.Completed);
        harness.Model.Encodes.Should().Be(9);
        harness.Model.MaxInFlight.Should().Be(1);
    }

    [Fact]
    public async Task Cancellation_stops_the_run_and_leaves_no_partial_files()
    {
        using var harness = new WorkflowHarness();
        using var cancel = new CancellationTokenSource();
        var reachedPage3 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Model.BeforeEncode = async (page, _, token) =>
        {
            if (page == 3)
            {
                reachedPage3.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            }
        };
        var name = harness.AddDocument("doc.pdf", pages: 5);

        var run = harness.RunAsync(name, cancellationToken: cancel.Token);
        await reachedPage3.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cancel.CancelAsync();

        await run.Invoking(r => r).Should().ThrowAsync<OperationCanceledException>();
        var files = harness.DataFiles().ToArray();
        files.Should().NotContain(f => f.EndsWith(".tmp"));
        foreach (var json in files.Where(f => f.EndsWith(".json")))
        {
            var parse = () => JsonDocument.Parse(File.ReadAllText(json)).Dispose();
            parse.Should().NotThrow($"{json} must be whole");
        }

        var pages = files.Where(f => f.Contains($"{Path.DirectorySeparatorChar}pages{Path.DirectorySeparatorChar}") && f.EndsWith(".json")).ToArray();
        pages.Should().NotContain(f => f.EndsWith("0003.json"), "page 3 was cancelled mid-extraction");
        foreach (var page in pages)
        {
            JsonDocument.Parse(File.ReadAllText(page)).RootElement.GetProperty("status").GetString().Should().Be(PageStatuses.Done);
        }
    }
}
