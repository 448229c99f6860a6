using FastVlm.DocPipeline.Workflow.Hosting;

namespace FastVlm.DocPipeline.Tests.Workflow.Hosting;

public class OrchestrationStartPolicyTests
{
    [Fact]
    public void A_new_document_starts()
    {
        OrchestrationStartPolicy.Decide(null, force: false).Should().Be(StartDecision.Start);
    }

    [Theory]
    [InlineData(HostedRunStatus.Pending)]
    [InlineData(HostedRunStatus.Running)]
    [InlineData(HostedRunStatus.Suspended)]
    public void A_live_instance_is_never_started_twice_even_when_forced(HostedRunStatus status)
    {
        OrchestrationStartPolicy.Decide(status, force: false).Should().Be(StartDecision.AlreadyRunning);
        OrchestrationStartPolicy.Decide(status, force: true).Should().Be(StartDecision.AlreadyRunning);
    }

    [Fact]
    public void Completed_content_reruns_only_when_forced()
    {
        OrchestrationStartPolicy.Decide(HostedRunStatus.Completed, force: false).Should().Be(StartDecision.AlreadyCompleted);
        OrchestrationStartPolicy.Decide(HostedRunStatus.Completed, force: true).Should().Be(StartDecision.Start);
    }

    [Theory]
    [InlineData(HostedRunStatus.Failed)]
    [InlineData(HostedRunStatus.Terminated)]
    public void A_failed_or_terminated_run_is_retried_by_a_re_upload(HostedRunStatus status)
    {
        OrchestrationStartPolicy.Decide(status, force: false).Should().Be(StartDecision.Start);
    }
}
