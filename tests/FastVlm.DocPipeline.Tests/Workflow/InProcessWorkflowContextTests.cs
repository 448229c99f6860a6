using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Workflow;

public class InProcessWorkflowContextTests
{
    private sealed record Echo(string Text, DateTime When);

    private static async Task<(T Result, List<WorkflowEvent> Events)> RunAsync<T>(InProcessActivityRegistry registry, Func<IWorkflowContext, Task<T>> workflow)
    {
        using var host = new InProcessWorkflowHost(registry);
        var events = new List<WorkflowEvent>();
        var progress = new SynchronousProgress<WorkflowEvent>(events.Add);
        return (await host.RunAsync("test", workflow, progress), events);
    }

    [Fact]
    public async Task Transient_failures_are_retried_up_to_the_policy_and_reported()
    {
        var calls = 0;
        var registry = new InProcessActivityRegistry().Add<Echo, Echo>("echo", (input, _) =>
            ++calls < 3 ? throw new TransientTestException("try again") : Task.FromResult(input with { Text = input.Text + "!" }));

        var (result, events) = await RunAsync(registry, ctx =>
            ctx.CallActivityAsync<Echo>("echo", new Echo("hi", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)), new ActivityRetryPolicy(3, TimeSpan.FromMilliseconds(1))));

        result.Text.Should().Be("hi!");
        calls.Should().Be(3);
        events.Where(e => e.Kind == WorkflowEventKind.ActivityRetrying).Select(e => e.Attempt).Should().Equal(1, 2);
        events.Last().Kind.Should().Be(WorkflowEventKind.ActivityCompleted);
    }

    [Fact]
    public async Task Exhausted_retries_surface_as_activity_failed_with_the_code_and_attempts()
    {
        var registry = new InProcessActivityRegistry().Add<Echo, Echo>("echo", (_, _) => throw new TransientTestException("still busy"));

        var act = () => RunAsync(registry, ctx => ctx.CallActivityAsync<Echo>("echo", new Echo("x", default), new ActivityRetryPolicy(2, TimeSpan.FromMilliseconds(1))));

        var error = (await act.Should().ThrowAsync<ActivityFailedException>()).Which;
        error.Code.Should().Be("test.transient");
        error.Attempts.Should().Be(2);
        error.ActivityName.Should().Be("echo");
        error.ActivityMessage.Should().Be("still busy");
    }

    [Fact]
    public async Task Permanent_pipeline_errors_are_not_retried()
    {
        var calls = 0;
        var registry = new InProcessActivityRegistry().Add<Echo, Echo>("echo", (_, _) =>
        {
            calls++;
            throw new DocPipelineException("pdf.corrupt", "not a PDF");
        });

        var act = () => RunAsync(registry, ctx => ctx.CallActivityAsync<Echo>("echo", new Echo("x", default), new ActivityRetryPolicy(5, TimeSpan.FromMilliseconds(1))));

        (await act.Should().ThrowAsync<ActivityFailedException>()).Which.Attempts.Should().Be(1);
        calls.Should().Be(1);
    }

    [Fact]
    public async Task Inputs_and_outputs_travel_as_json_like_durable()
    {
        object? seen = null;
        var registry = new InProcessActivityRegistry().Add<Echo, Echo>("echo", (input, _) =>
        {
            seen = input;
            return Task.FromResult(input);
        });
        var original = new Echo("x", new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc));

        var (result, _) = await RunAsync(registry, ctx => ctx.CallActivityAsync<Echo>("echo", original));

        seen.Should().NotBeSameAs(original).And.Be(original);
        result.Should().NotBeSameAs(seen).And.Be(original);
    }

    [Fact]
    public async Task Unknown_activities_name_the_known_ones()
    {
        var registry = new InProcessActivityRegistry().Add<Echo, Echo>("echo", (i, _) => Task.FromResult(i));
        var act = () => RunAsync(registry, ctx => ctx.CallActivityAsync<Echo>("nope"));
        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("echo");
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly Lock _lock = new();

        public void Report(T value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
