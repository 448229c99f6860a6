namespace FastVlm.DocPipeline.Workflow.InProcess;

/// <summary>Options of the in-process workflow host.</summary>
public sealed class InProcessWorkflowOptions
{
    /// <summary>
    /// Most calls of one activity running at once, shared by every workflow of the host. The defaults keep
    /// the model busy with one page while the CPU renders the next: extract 1, rasterise 1.
    /// Activities not listed are unbounded.
    /// </summary>
    public Dictionary<string, int> MaxConcurrency { get; } = new(StringComparer.Ordinal)
    {
        [ActivityNames.ExtractPage] = 1,
        [ActivityNames.RasterizeRange] = 1,
    };

    /// <summary>Round-trip activity inputs and outputs through JSON, as Durable Functions would (default true).</summary>
    public bool SerializePayloads { get; set; } = true;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
