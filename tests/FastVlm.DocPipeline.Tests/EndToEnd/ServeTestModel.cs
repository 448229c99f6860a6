using FastVlm.DocPipeline.Synthetic;

namespace FastVlm.DocPipeline.Tests.EndToEnd;

/// <summary>The tiny synthetic FastVLM model (random weights, real layout), generated once for the serve tests.</summary>
public sealed class ServeTestModel : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "docpipe-serve-model-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() =>
        SyntheticModelGenerator.GenerateAsync(new SyntheticModelOptions { Preset = SyntheticModelPreset.Tiny, Seed = 7, OutputDirectory = Directory });

    public Task DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
