using System.Text;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.Functions;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Workflow;

/// <summary>
/// A run reads one content and one schema (issue 14, cases 1 and 3), on the in-process host the CLI uses;
/// the Durable host is covered by Functions/DurableOrchestrationTests.
/// </summary>
public sealed class SourceAndSchemaPinningTests : IDisposable
{
    private readonly WorkflowHarness _harness = new();

    [Fact]
    public async Task A_file_replaced_mid_run_fails_that_run_with_source_changed_and_the_next_run_is_its_own_document()
    {
        var name = _harness.AddDocument("a.pdf", 3);
        var path = Path.Combine(_harness.Root, "in", name);
        var replacement = Encoding.UTF8.GetBytes(FakeRasterizer.Describe(3) + "\nsecond version");
        var source = new ChangingDocumentSource(new LocalFileDocumentSource(Path.Combine(_harness.Root, "in")), path, replacement, replaceBeforeOpen: 2);
        var activities = new DocumentActivities(source, _harness.Rasterizer, _harness.Model, _harness.Store, _harness.Images);
        using var pipeline = new InProcessDocumentPipeline(activities);
        var input = new DocumentWorkflowInput { SourceName = name, Schema = WorkflowHarness.Schema, Retries = WorkflowRetryPolicies.Fast, RasterizeChunkSize = 2 };

        var changed = await pipeline.RunAsync(input);

        changed.Status.Should().Be(DocumentStatus.Failed);
        changed.Error!.Code.Should().Be(WorkflowErrorCodes.SourceChanged);
        changed.Error.Message.Should().Contain(name);
        (await _harness.Store.GetPagesAsync(changed.DocumentId)).Should().NotContain(p => p.Status == PageStatuses.Done);
        _harness.Model.Encodes.Should().Be(0, "no page of the new content was extracted under the old document");

        var next = await pipeline.RunAsync(input);

        next.Status.Should().Be(DocumentStatus.Completed);
        next.DocumentId.Should().NotBe(changed.DocumentId);
        next.PagesExtracted.Should().Be(3);
        (await _harness.Store.GetDocumentAsync(next.DocumentId))!.Source.Size.Should().Be(replacement.Length);
    }

    [Fact]
    public async Task A_schema_edited_without_a_version_bump_is_a_new_document_whose_new_field_is_asked()
    {
        var name = _harness.AddDocument("b.pdf", 2);
        var first = await _harness.RunAsync(name);
        first.Status.Should().Be(DocumentStatus.Completed);
        var edited = WorkflowHarness.Schema with
        {
            Fields = [.. WorkflowHarness.Schema.Fields, new SchemaField { Name = "vendor", Question = "Who is the vendor?", PageHint = PageHint.First }],
        };
        edited.Version.Should().Be(WorkflowHarness.Schema.Version);
        _harness.Model.Answer(1, "Who is the vendor?", "ACME Corp", 0.95);
        var asksBefore = _harness.Model.Asks;

        var second = await _harness.RunAsync(name, schema: edited);

        second.Status.Should().Be(DocumentStatus.Completed);
        second.DocumentId.Should().NotBe(first.DocumentId);
        second.PagesSkipped.Should().Be(0);
        second.PagesExtracted.Should().Be(2);
        (_harness.Model.Asks - asksBefore).Should().Be(2 * edited.Fields.Count, "every field, the new one included, is asked on every page");
        var vendor = (await _harness.Store.GetDocumentAsync(second.DocumentId))!.Fields["vendor"];
        vendor.Found.Should().BeTrue();
        ((string?)vendor.Value).Should().Be("ACME Corp");
        (await _harness.Store.GetPagesAsync(second.DocumentId)).Should().OnlyContain(p => p.Answers.ContainsKey("vendor"));
    }

    public void Dispose() => _harness.Dispose();
}
