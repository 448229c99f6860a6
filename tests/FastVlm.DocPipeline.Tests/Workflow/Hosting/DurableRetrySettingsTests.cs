using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Hosting;

namespace FastVlm.DocPipeline.Tests.Workflow.Hosting;

public class DurableRetrySettingsTests
{
    [Fact]
    public void A_valid_policy_maps_field_by_field()
    {
        var policy = new ActivityRetryPolicy(4, TimeSpan.FromSeconds(2), 3.0, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

        var settings = DurableRetrySettings.From(policy);

        settings.Should().Be(new DurableRetrySettings(4, TimeSpan.FromSeconds(2), 3.0, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Missing_limits_become_Durables_infinite_timespan()
    {
        var settings = DurableRetrySettings.From(new ActivityRetryPolicy(3, TimeSpan.FromSeconds(1)));

        settings.MaxRetryInterval.Should().Be(Timeout.InfiniteTimeSpan);
        settings.RetryTimeout.Should().Be(Timeout.InfiniteTimeSpan);
        settings.BackoffCoefficient.Should().Be(2.0, "ActivityRetryPolicy's default coefficient is kept");
    }

    [Theory]
    [InlineData(0, 0, 0.5, 0, 0)]
    [InlineData(-3, -1000, 0.0, 1, 1)]
    [InlineData(1, 5000, double.NaN, 10, 20)]
    [InlineData(2, 5000, 1.0, 1000, 2000)]
    public void Out_of_range_values_are_clamped_into_what_RetryPolicy_accepts(
        int attempts, int firstMs, double backoff, int maxIntervalMs, int timeoutMs)
    {
        var policy = new ActivityRetryPolicy(
            attempts, TimeSpan.FromMilliseconds(firstMs), backoff,
            TimeSpan.FromMilliseconds(maxIntervalMs), TimeSpan.FromMilliseconds(timeoutMs));

        var s = DurableRetrySettings.From(policy);

        // The argument checks of Microsoft.DurableTask.RetryPolicy's constructor.
        s.MaxNumberOfAttempts.Should().BeGreaterThan(0);
        s.FirstRetryInterval.Should().BeGreaterThan(TimeSpan.Zero);
        s.BackoffCoefficient.Should().BeGreaterThanOrEqualTo(1.0);
        s.MaxRetryInterval.Should().BeGreaterThanOrEqualTo(s.FirstRetryInterval);
        s.RetryTimeout.Should().BeGreaterThanOrEqualTo(s.FirstRetryInterval);
    }

    [Fact]
    public void A_cap_below_the_first_interval_gives_the_same_delays_as_the_engine()
    {
        var policy = new ActivityRetryPolicy(5, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromSeconds(4));

        var s = DurableRetrySettings.From(policy);

        s.FirstRetryInterval.Should().Be(TimeSpan.FromSeconds(4));
        s.MaxRetryInterval.Should().Be(TimeSpan.FromSeconds(4));
        for (var retry = 1; retry <= 4; retry++)
        {
            policy.DelayBeforeRetry(retry).Should().Be(s.FirstRetryInterval, "the engine waits the cap before every retry");
        }
    }

    [Fact]
    public void A_timeout_shorter_than_the_first_interval_means_a_single_attempt()
    {
        var policy = new ActivityRetryPolicy(5, TimeSpan.FromSeconds(10), 2.0, null, TimeSpan.FromSeconds(3));

        var s = DurableRetrySettings.From(policy);

        s.MaxNumberOfAttempts.Should().Be(1);
        s.RetryTimeout.Should().Be(s.FirstRetryInterval);
    }

    [Fact]
    public void A_zero_first_interval_becomes_the_smallest_accepted_one()
    {
        var s = DurableRetrySettings.From(new ActivityRetryPolicy(3, TimeSpan.Zero));

        s.FirstRetryInterval.Should().Be(TimeSpan.FromMilliseconds(1));
    }
}
