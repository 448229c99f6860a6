using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.InProcess;

/// <summary>Activity and sub-workflow implementations by name for <see cref="InProcessWorkflowContext"/>.</summary>
public sealed class InProcessActivityRegistry
{
    private readonly Dictionary<string, Registration> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowRegistration> _workflows = new(StringComparer.Ordinal);

    /// <summary>Registers a workflow that others start with <see cref="IWorkflowContext.CallSubWorkflowAsync{TResult}"/>.</summary>
    public InProcessActivityRegistry AddWorkflow<TInput, TOutput>(string name, Func<IWorkflowContext, TInput, Task<TOutput>> workflow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(workflow);
        _workflows[name] = new WorkflowRegistration(
            typeof(TInput),
            async (context, input) => await workflow(context, (TInput)input!).ConfigureAwait(false));
        return this;
    }

    public InProcessActivityRegistry Add<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> activity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(activity);
        _activities[name] = new Registration(
            typeof(TInput),
            async (input, cancellationToken) => await activity((TInput)input!, cancellationToken).ConfigureAwait(false));
        return this;
    }

    internal Registration Get(string name) =>
        _activities.TryGetValue(name, out var registration)
            ? registration
            : throw new InvalidOperationException($"No activity named '{name}' is registered (known: {string.Join(", ", _activities.Keys)}).");

    internal WorkflowRegistration GetWorkflow(string name) =>
        _workflows.TryGetValue(name, out var registration)
            ? registration
            : throw new InvalidOperationException($"No workflow named '{name}' is registered (known: {string.Join(", ", _workflows.Keys)}).");

    internal sealed record WorkflowRegistration(Type InputType, Func<IWorkflowContext, object?, Task<object?>> Invoke)
    {
        public object? RoundTrip(object? input) =>
            input is null ? null : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(input, input.GetType(), ResultJson.Options), InputType, ResultJson.Options);
    }

    internal sealed record Registration(Type InputType, Func<object?, CancellationToken, Task<object?>> Invoke)
    {
        /// <summary>Sends the input through JSON like Durable does, so the in-process host catches what would not serialise.</summary>
        public object? RoundTrip(object? input) =>
            input is null ? null : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(input, input.GetType(), ResultJson.Options), InputType, ResultJson.Options);
    }
}
