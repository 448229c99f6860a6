using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Synthetic;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

/// <summary>One tiny synthetic model (generated once, loaded once) for the end-to-end tests.</summary>
public sealed class TinyModelFixture : IAsyncLifetime
{
    public string ModelDirectory { get; } = Path.Combine(Path.GetTempPath(), "docpipe-e2e-model-" + Guid.NewGuid().ToString("N")[..8]);

    public FastVlmEngine Engine { get; private set; } = null!;

    public RasterizationOptions Rasterization => new() { TargetLongestSide = Engine.Descriptor.ImageSize };

    public async Task InitializeAsync()
    {
        await SyntheticModelGenerator.GenerateAsync(new SyntheticModelOptions { Preset = SyntheticModelPreset.Tiny, Seed = 11, OutputDirectory = ModelDirectory });
        Engine = await FastVlmEngine.LoadAsync(new FastVlmEngineOptions { ModelDirectory = ModelDirectory });
    }

    public Task DisposeAsync()
    {
        Engine?.Dispose();
        try
        {
            Directory.Delete(ModelDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    public static string Sample(string name) => Path.Combine(RepoPaths.Samples, name);
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "docpipe end to end";
}
