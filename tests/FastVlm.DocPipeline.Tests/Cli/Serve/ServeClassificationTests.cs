using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Cli.Serve;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Tests.Workflow.Classification;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Cli.Serve;

/// <summary><c>serve --schema auto --split</c>: the incoming-document processor classifies and splits a bundle (real rasteriser, truth-answering model, file store).</summary>
public sealed class ServeClassificationTests : IDisposable
{
    private readonly ClassificationScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task An_incoming_bundle_becomes_the_file_record_and_its_truth_documents()
    {
        var choice = await SchemaChoice.ResolveAsync("auto", "invoice,receipt", split: true, threshold: null, CancellationToken.None);
        using var pipeline = new InProcessDocumentPipeline(_scenario.Activities(await _scenario.BundleModelAsync()));
        var processor = new WorkflowDocumentProcessor(pipeline, choice, _scenario.Store, _ => ValueTask.CompletedTask, retries: WorkflowRetryPolicies.Fast);

        var outcome = await processor.ProcessAsync(new IncomingBlob(_scenario.BundlePdf, "\"etag\"", new FileInfo(_scenario.BundlePdf).Length), CancellationToken.None);

        outcome.Status.Should().Be(DocumentStatus.Completed);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(_scenario.BundlePdf)));
        outcome.DocumentId.Should().Be(DocumentIdentity.ForClassifiedSource(sha, ClassificationScenario.Candidates.Select(SchemaHasher.Compute), split: true));
        await _scenario.ShouldMatchTruthAsync(outcome.DocumentId!);
    }
}
