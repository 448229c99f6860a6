using FastVlm.DocPipeline.Synthetic;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>
/// Synthetic model directories shared by the engine and parity tests, generated once per test run:
/// tiny (seed 1: fp32, fp16, q4, q4f16, int8, uint8 and quantized; seed 2: fp32) and tiny-qwen (seed 3, the real Qwen vocabulary).
/// </summary>
public sealed class EngineTestModels : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fastvlm-engine-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public string Tiny1 => Path.Combine(_root, "tiny-1");

    public string Tiny2 => Path.Combine(_root, "tiny-2");

    public string TinyQwen3 => Path.Combine(_root, "tiny-qwen-3");

    public int ImageSize { get; private set; }

    public async Task InitializeAsync()
    {
        await GenerateAsync(SyntheticModelPreset.Tiny, 1, Tiny1, withVariants: true);
        await GenerateAsync(SyntheticModelPreset.Tiny, 2, Tiny2, withVariants: false);
        await GenerateAsync(SyntheticModelPreset.TinyQwen, 3, TinyQwen3, withVariants: false);
        ImageSize = SyntheticModelGenerator.DimensionsOf(SyntheticModelPreset.Tiny).ImageSize;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>A writable copy of a model directory (for tests that break files).</summary>
    public string CopyOf(string model)
    {
        var copy = Path.Combine(_root, "copy-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.GetFiles(model, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(model, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private static async Task GenerateAsync(SyntheticModelPreset preset, ulong seed, string directory, bool withVariants)
    {
        var options = new SyntheticModelOptions { Preset = preset, Seed = seed, OutputDirectory = directory, QwenTokenizerPath = preset == SyntheticModelPreset.Tiny ? null : RepoPaths.QwenTokenizerJson };
        if (withVariants)
        {
            options.Variants.Add(WeightPrecision.Float16);
            options.Variants.Add(WeightPrecision.Q4);
            options.Variants.Add(WeightPrecision.Q4F16);
            options.Variants.Add(WeightPrecision.Int8);
            options.Variants.Add(WeightPrecision.Uint8);
            options.Variants.Add(WeightPrecision.Quantized);
        }

        await SyntheticModelGenerator.GenerateAsync(options);
    }
}

[CollectionDefinition(Name)]
public sealed class EngineModelsCollection : ICollectionFixture<EngineTestModels>
{
    public const string Name = "engine models";
}
