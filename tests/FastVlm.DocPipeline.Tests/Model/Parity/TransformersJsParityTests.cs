using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;
using FastVlm.DocPipeline.Model.Preprocessing;
using FastVlm.DocPipeline.Tests.Model.Engine;

namespace FastVlm.DocPipeline.Tests.Model.Parity;

/// <summary>
/// The engine against transformers.js 4.3.1 on the same synthetic model directories, live in the same run, with the
/// same dtype: same prompt ids, first-step logits within 1e-3 of the largest logit's magnitude, the same 32 greedy
/// ids and answer text.
/// </summary>
[Collection(EngineModelsCollection.Name)]
public sealed class TransformersJsParityTests(EngineTestModels models)
{
    private const int NewTokens = 32;

    // Every quantized variant is held to the fp32 tolerance, because both runtimes run the same ONNX Runtime kernels
    // (onnxruntime-node 1.30 there, 1.31 here) on the same inputs: q4/q4f16 MatMulNBits (accuracy level 0: float math
    // over the dequantized blocks) and the 8-bit MatMulInteger/ConvInteger sum integers exactly, so only the order of
    // float sums may differ, far below 1e-3 of the largest logit. Measured: the logits are bit-identical (0 difference).
    // A quantization decision that differed between them (one activation rounded to another level) would move a logit
    // by about one level's share, ~0.5/255 of the row range × the weights, several times 1e-3 of the largest logit,
    // so the tolerance also shows that both runtimes quantize every activation to the same level.
    //
    // The 8-bit variants quantize each MatMul's activations per tensor (DynamicQuantizeLinear: one scale and zero point
    // over all positions of a Run), so their output depends on which positions share a Run: they are compared with
    // the whole prompt in one prefill, as transformers.js runs it (ReusePrefixCache off). With the prefix cache the
    // question's positions get their own scale (PerRunActivationQuantizationTests).
    //
    // fp16 is not compared: transformers.js 4.3.1 feeds float32 pixel values to a float16 vision encoder and
    // fails ("expected tensor(float16)"); with an fp32 encoder and fp16 decoder it mixes dtypes and emits only
    // id 0. The engine's fp16 path is checked against its own fp32 path instead (EngineBehaviourTests).
    public static TheoryData<string, GraphVariant> Models => new()
    {
        { nameof(EngineTestModels.Tiny1), GraphVariant.Fp32 },
        { nameof(EngineTestModels.Tiny2), GraphVariant.Fp32 },
        { nameof(EngineTestModels.TinyQwen3), GraphVariant.Fp32 },
        { nameof(EngineTestModels.Tiny1), GraphVariant.Q4 },
        { nameof(EngineTestModels.Tiny1), GraphVariant.Q4F16 },
        { nameof(EngineTestModels.Tiny1), GraphVariant.Int8 },
        { nameof(EngineTestModels.Tiny1), GraphVariant.Uint8 },
        { nameof(EngineTestModels.Tiny1), GraphVariant.Quantized },
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

        var peer = await TransformersJsPeer.RunAsync(model, cases, NewTokens, NewTokens, variant.TransformersJsDtype());

        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions
        {
            ModelDirectory = model,
            ImagePreprocessing = ImageResizeMode.ShortestEdgeCrop,
            VisionEncoderVariant = variant,
            EmbedTokensVariant = variant,
            DecoderVariant = variant,
            ReusePrefixCache = !variant.QuantizesActivationsPerRun(),
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
