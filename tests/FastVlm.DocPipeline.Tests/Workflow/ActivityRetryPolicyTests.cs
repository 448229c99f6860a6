using FastVlm.DocPipeline.Workflow;

namespace FastVlm.DocPipeline.Tests.Workflow;

public class ActivityRetryPolicyTests
{
    [Fact]
    public void Delay_grows_by_the_backoff_coefficient_and_is_capped()
    {
        var policy = new ActivityRetryPolicy(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(3));

        policy.DelayBeforeRetry(1).Should().Be(TimeSpan.FromSeconds(1));
        policy.DelayBeforeRetry(2).Should().Be(TimeSpan.FromSeconds(2));
        policy.DelayBeforeRetry(3).Should().Be(TimeSpan.FromSeconds(3));
        policy.DelayBeforeRetry(10).Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Retry_numbers_start_at_one()
    {
        var policy = new ActivityRetryPolicy(3, TimeSpan.FromSeconds(1));
        var act = () => policy.DelayBeforeRetry(0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
