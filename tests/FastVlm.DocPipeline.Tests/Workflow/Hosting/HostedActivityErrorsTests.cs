using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Hosting;

namespace FastVlm.DocPipeline.Tests.Workflow.Hosting;

public class HostedActivityErrorsTests
{
    private sealed class Permanent() : DocPipelineException("pdf.corrupt", "The PDF is damaged.");

    private sealed class Transient() : DocPipelineException("blob.unavailable", "Storage is down.")
    {
        public override bool IsTransient => true;
    }

    [Fact]
    public void Permanent_pipeline_errors_become_permanent_with_the_code_in_the_message()
    {
        var wrapped = HostedActivityErrors.Wrap(new Permanent());

        wrapped.Should().BeOfType<PermanentActivityException>();
        wrapped.Message.Should().Be("[pdf.corrupt] The PDF is damaged.");
        HostedActivityErrors.ShouldRetry(wrapped.GetType().FullName).Should().BeFalse();
    }

    [Fact]
    public void Transient_errors_and_unexpected_exceptions_stay_retryable()
    {
        HostedActivityErrors.Wrap(new Transient()).Should().BeOfType<TransientActivityException>();
        var bug = HostedActivityErrors.Wrap(new NullReferenceException("oops"));
        bug.Should().BeOfType<TransientActivityException>();
        bug.Message.Should().StartWith("[activity.failed]").And.Contain("oops");
        HostedActivityErrors.ShouldRetry(bug.GetType().FullName).Should().BeTrue();
        HostedActivityErrors.ShouldRetry(null).Should().BeTrue();
    }

    [Fact]
    public void A_recorded_failure_is_rebuilt_with_its_code_and_attempts()
    {
        var retry = DurableRetrySettings.From(new ActivityRetryPolicy(4, TimeSpan.FromSeconds(1)));
        var inner = new InvalidOperationException("Task 'ExtractPage' (#7) failed with an unhandled exception: [blob.unavailable] Storage is down.");

        var transient = HostedActivityErrors.ToActivityFailure(
            "ExtractPage", typeof(TransientActivityException).FullName, "[blob.unavailable] Storage is down.", retry, inner);
        var permanent = HostedActivityErrors.ToActivityFailure(
            "ExtractPage", HostedActivityErrors.PermanentErrorType, "[pdf.corrupt] The PDF is damaged.", retry, inner);

        transient.Code.Should().Be("blob.unavailable");
        transient.ActivityMessage.Should().Be("Storage is down.");
        transient.Attempts.Should().Be(4);
        permanent.Code.Should().Be("pdf.corrupt");
        permanent.Attempts.Should().Be(1);
        permanent.InnerException.Should().BeSameAs(inner);
    }

    [Fact]
    public void A_message_without_a_code_keeps_its_text_under_the_unknown_code()
    {
        var failure = HostedActivityErrors.ToActivityFailure("CompleteDocument", "System.TimeoutException", "The operation timed out.", null, new TimeoutException());

        failure.Code.Should().Be(ActivityFailure.UnknownCode);
        failure.ActivityMessage.Should().Be("The operation timed out.");
        failure.Attempts.Should().Be(1);
    }
}
