using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

namespace FastVlm.DocPipeline.Tests.Telemetry;

/// <summary>
/// Tests that read the process-wide meter: they run alone (after the parallel collections), so every
/// measurement they see comes from their own run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "telemetry (runs alone)";
}
