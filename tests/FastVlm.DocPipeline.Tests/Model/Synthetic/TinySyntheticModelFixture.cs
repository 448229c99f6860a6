using FastVlm.DocPipeline.Synthetic;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

/// <summary>One tiny synthetic model (fp32 + fp16, seed 7) shared by the tests of a class.</summary>
public sealed class TinySyntheticModelFixture : IAsyncLifetime
{
    public const ulong Seed = 7;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "fastvlm-synth-tests", Guid.NewGuid().ToString("N"));

    public SyntheticModelResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new SyntheticModelOptions { Preset = SyntheticModelPreset.Tiny, Seed = Seed, OutputDirectory = Directory };
        options.Variants.Add(WeightPrecision.Float16);
        Result = await SyntheticModelGenerator.GenerateAsync(options);
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        return Task.CompletedTask;
    }
}
