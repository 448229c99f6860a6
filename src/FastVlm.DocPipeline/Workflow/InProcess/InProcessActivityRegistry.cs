using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.InProcess;

/// <summary>Activity implementations by name for <see cref="InProcessWorkflowContext"/>.</summary>
public sealed class InProcessActivityRegistry
{
    private readonly Dictionary<string, Registration> _activities = new(StringComparer.Ordinal);

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

    internal sealed record Registration(Type InputType, Func<object?, CancellationToken, Task<object?>> Invoke)
    {
        /// <summary>Sends the input through JSON like Durable does, so the in-process host catches what would not serialise.</summary>
        public object? RoundTrip(object? input) =>
            input is null ? null : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(input, input.GetType(), ResultJson.Options), InputType, ResultJson.Options);
    }
}
