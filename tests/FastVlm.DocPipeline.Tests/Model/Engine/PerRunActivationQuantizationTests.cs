using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;
using FastVlm.DocPipeline.Model.Preprocessing;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>
/// Why the 8-bit variants are compared with transformers.js without the prefix cache: their DynamicQuantizeLinear
/// takes one scale over every position of a Run, so the question's positions prefilled on their own (after the cached
/// prefix) are quantized differently from the same positions prefilled with the whole prompt. The variants without
/// per-run activation quantization give the same first logits either way.
/// </summary>
[Collection(EngineModelsCollection.Name)]
public sealed class PerRunActivationQuantizationTests(EngineTestModels models)
{
    [Theory]
    [InlineData(GraphVariant.Fp32)]
    [InlineData(GraphVariant.Q4)]
    [InlineData(GraphVariant.Int8)]
    [InlineData(GraphVariant.Uint8)]
    public async Task Only_per_run_quantized_activations_depend_on_the_prefill_split(GraphVariant variant)
    {
        var size = models.ImageSize;
        var image = TestImages.Text(size, size, "INVOICE 4711\nTotal: 99.50 EUR");
        var withPrefix = await FirstLogitsAsync(variant, reusePrefixCache: true, image);
        var wholePrompt = await FirstLogitsAsync(variant, reusePrefixCache: false, image);

        var scale = wholePrompt.Max(Math.Abs);
        var worst = withPrefix.Zip(wholePrompt, (a, b) => Math.Abs(a - b)).Max();
        if (variant.QuantizesActivationsPerRun())
        {
            worst.Should().BeGreaterThan(1e-3f * scale, "the question's activations get their own quantization scale");
        }
        else
        {
            worst.Should().BeLessThanOrEqualTo(1e-4f * scale, "float math does not depend on which positions share a Run");
        }
    }

    private async Task<float[]> FirstLogitsAsync(GraphVariant variant, bool reusePrefixCache, RgbImage image)
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions
        {
            ModelDirectory = models.Tiny1,
            ImagePreprocessing = ImageResizeMode.ShortestEdgeCrop,
            VisionEncoderVariant = variant,
            EmbedTokensVariant = variant,
            DecoderVariant = variant,
            ReusePrefixCache = reusePrefixCache,
        });
        using var encoded = await engine.EncodeImageAsync(image);
        var (_, firstLogits, _) = await FastVlmEngineDiagnostics.AskWithFirstLogitsAsync(engine, encoded, "What is the total amount?", new GenerationOptions { MaxNewTokens = 1 });
        return firstLogits;
    }
}
