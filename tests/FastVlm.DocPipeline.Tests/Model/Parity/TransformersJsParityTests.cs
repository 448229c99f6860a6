using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;
using FastVlm.DocPipeline.Model.Preprocessing;
using FastVlm.DocPipeline.Tests.Model.Engine;

namespace FastVlm.DocPipeline.Tests.Model.Parity;

/// <summary>
/// The engine against transformers.js 4.3.1 on the same synthetic model directories, live in the same run: same
/// prompt ids, first-step logits within 1e-3 of the largest logit's magnitude, the same 32 greedy ids and answer text.
/// </summary>
[Collection(EngineModelsCollection.Name)]
public sealed class TransformersJsParityTests(EngineTestModels models)
{
    private const int NewTokens = 32;

    // q4 (MatMulNBits, accuracy level 0: float math over the dequantized blocks) runs the same ONNX Runtime kernel in
    // both runtimes, so it is held to the fp32 tolerance: only the summation order can differ.
    // fp16 is not compared: transformers.js 4.3.1 feeds float32 pixel values to a float16 vision encoder and
    // fails ("expected tensor(float16)"); with an fp32 encoder and fp16 decoder it mixes dtypes and emits only
    // id 0. The engine's fp16 path is checked against its own fp32 path instead (EngineBehaviourTests).
    public static TheoryData<string, GraphVariant> Models => new()
    {
        { nameof(EngineTestModels.Tiny1), GraphVariant.Fp32 },
        { nameof(EngineTestModels.Tiny2), GraphVariant.Fp32 },
        { nameof(EngineTestModels.TinyQwen3), GraphVariant.Fp32 },
        { nameof(EngineTestModels.Tiny1), GraphVariant.Q4 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Engine_matches_transformers_js(string modelName, GraphVariant variant)
    {
        var model = modelName switch
        {
            nameof(EngineTestModels.Tiny1) => models.Tiny1,
            nameof(EngineTestModels.Tiny2) => models.Tiny2,
            _ => models.TinyQwen3,
        };
        var size = models.ImageSize;
        var cases = new List<TransformersJsPeer.Case>
        {
            new(TestImages.Noise(size, size, seed: 11), "What is the invoice number?"),
            new(TestImages.Text(size, size, "INVOICE 4711\nTotal: 99.50 EUR\n2024-03-01"), "What is the total amount?"),
            new(TestImages.Text(size, size + size / 2, "Tall page\nline two"), "Who is the vendor?"),
            new(TestImages.Noise(size + size / 4, size, seed: 12), "Date?"),
        };

        var peer = await TransformersJsPeer.RunAsync(model, cases, NewTokens, NewTokens, variant.Name());

        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions
        {
            ModelDirectory = model,
            ImagePreprocessing = ImageResizeMode.ShortestEdgeCrop,
            VisionEncoderVariant = variant,
            EmbedTokensVariant = variant,
            DecoderVariant = variant,
        });
        for (var i = 0; i < cases.Count; i++)
        {
            using var encoded = await engine.EncodeImageAsync(cases[i].Image);
            var (result, firstLogits, promptIds) = await FastVlmEngineDiagnostics.AskWithFirstLogitsAsync(
                engine, encoded, cases[i].Question, new GenerationOptions { MaxNewTokens = NewTokens, MinNewTokens = NewTokens });
            var reference = peer[i];
            var because = $"case {i} ({cases[i].Image.Width}x{cases[i].Image.Height}, '{cases[i].Question}') on {modelName} {variant.Name()}";

            promptIds.Should().Equal(reference.PromptIds, because);
            reference.FirstLogits.Should().NotBeNull();
            firstLogits.Should().HaveCount(reference.FirstLogits!.Length, because);
            var scale = reference.FirstLogits.Max(Math.Abs);
            var worst = firstLogits.Zip(reference.FirstLogits, (a, b) => Math.Abs(a - b)).Max();
            worst.Should().BeLessThanOrEqualTo(1e-3f * scale, because);
            result.TokenIds.Should().HaveCount(NewTokens, because);
            result.TokenIds.Should().Equal(reference.GeneratedIds, because);
            result.Text.Should().Be(reference.Text, because);
        }
    }
}
