using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Tests.Workflow.Classification;
using FastVlm.DocPipeline.Workflow;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// <c>--split</c> on the bundled sample under the real Durable Task engine with the app's orchestrator and activity
/// functions: replays included, the file ends up cut and extracted exactly as in process.
/// </summary>
public sealed class DurableClassificationTests : IDisposable
{
    private readonly ClassificationScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task The_bundled_sample_is_split_into_its_truth_documents_under_the_Durable_engine()
    {
        var model = await _scenario.BundleModelAsync();
        await using var host = await DurableAppHost.StartAsync(_scenario.Activities(model));
        var input = new DocumentWorkflowInput
        {
            SourceName = _scenario.BundlePdf,
            Classification = new ClassificationRequest { Candidates = ClassificationScenario.Candidates, Split = true },
            Retries = WorkflowRetryPolicies.Fast,
        };

        var (_, result) = await host.RunAsync(input, "bundle-" + Guid.NewGuid().ToString("N"));

        result.Status.Should().Be(DocumentStatus.Completed);
        result.Parts.Should().HaveCount(3);
        await _scenario.ShouldMatchTruthAsync(result.DocumentId);
        host.AttemptsOf(ActivityNames.ClassifyDocument).Should().Be(1, "the four pages are classified in one activity");
        host.AttemptsOf(ActivityNames.RecordClassifiedSource).Should().Be(1);
        host.AttemptsOf(ActivityNames.ExtractPage).Should().Be(4);
    }
}
