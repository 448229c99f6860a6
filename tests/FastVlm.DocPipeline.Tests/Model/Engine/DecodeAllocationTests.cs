using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;
using Xunit.Abstractions;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>
/// Managed allocations of the greedy decode loop: the difference between generations of N and 2N tokens (EOS
/// suppressed) divided by N is what one more decode step costs, measured on the generating thread.
/// </summary>
[Collection(EngineModelsCollection.Name)]
public sealed class DecodeAllocationTests(EngineTestModels models, ITestOutputHelper output)
{
    private const int N = 16;

    // What one more decode step may allocate on the managed heap. Measured on the tiny model (2 layers: 7 decoder
    // inputs, 5 outputs): ONNX Runtime's managed InferenceSession.Run allocates 928 B per decoder run (name and handle
    // arrays, the output collection, one OrtValue wrapper per output), the attention-mask view is one 72 B OrtValue
    // wrapper (its length changes every step, so it cannot be reused), and the answer's id/logprob lists and decoded
    // text add ~41 B per token: 1041 B in all, for fp32, fp16 and the converting fp32-embed/fp16-decoder path. The
    // loop before per-generation feeds allocated 2025 B (2289 B when converting): new mask, positions and token
    // tensors with their shape arrays every step, shape reads for every logits row, and a managed embed_tokens Run.
    // 1200 B leaves room for small runtime differences and fails if any of those per-step allocations returns.
    private const long MaxBytesPerToken = 1200;

    public static TheoryData<GraphVariant, GraphVariant, bool> Variants => new()
    {
        { GraphVariant.Fp32, GraphVariant.Fp32, true },
        { GraphVariant.Fp32, GraphVariant.Fp32, false },
        { GraphVariant.Fp16, GraphVariant.Fp16, true },
        { GraphVariant.Fp32, GraphVariant.Fp16, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task One_more_decode_step_allocates_a_bounded_number_of_managed_bytes(GraphVariant embed, GraphVariant decoder, bool reusePrefix)
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions
        {
            ModelDirectory = models.Tiny1,
            ReusePrefixCache = reusePrefix,
            EmbedTokensVariant = embed,
            DecoderVariant = decoder,
        });
        using var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, seed: 11));

        var shortRun = Measure(engine, encoded, N);
        var longRun = Measure(engine, encoded, 2 * N);
        var perToken = (longRun - shortRun) / N;
        output.WriteLine($"embed {embed}, decoder {decoder}, prefix reuse {reusePrefix}: {shortRun} B for {N} tokens, {longRun} B for {2 * N}, {perToken} B per extra token");

        perToken.Should().BeLessThanOrEqualTo(MaxBytesPerToken);
    }

    /// <summary>Smallest allocation of a few identical generations (the first ones also pay for lazy initialisation).</summary>
    private static long Measure(FastVlmEngine engine, IEncodedImage encoded, int tokens)
    {
        var options = new GenerationOptions { MaxNewTokens = tokens, MinNewTokens = tokens };
        var least = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = FastVlmEngineDiagnostics.Ask(engine, encoded, "What is the total?", options);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            result.TokenIds.Should().HaveCount(tokens);
            least = Math.Min(least, allocated);
        }

        return least;
    }

    // Batched decoding: one decoder run per step for every row, so per step the same ONNX Runtime Run and mask view
    // as above, plus per row the answer's id/logprob list entries and its share of the decoded text.
    private const int Rows = 4;

    private const long MaxBytesPerBatchedStep = MaxBytesPerToken + 64 * Rows;

    [Theory]
    [InlineData(GraphVariant.Fp32, GraphVariant.Fp32)]
    [InlineData(GraphVariant.Fp32, GraphVariant.Fp16)]
    public async Task One_more_batched_decode_step_allocates_a_bounded_number_of_managed_bytes(GraphVariant embed, GraphVariant decoder)
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny1, EmbedTokensVariant = embed, DecoderVariant = decoder });
        using var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, seed: 11));

        var shortRun = MeasureBatched(engine, encoded, N);
        var longRun = MeasureBatched(engine, encoded, 2 * N);
        var perStep = (longRun - shortRun) / N;
        output.WriteLine($"embed {embed}, decoder {decoder}, {Rows} rows: {shortRun} B for {N} steps, {longRun} B for {2 * N}, {perStep} B per extra step");

        perStep.Should().BeLessThanOrEqualTo(MaxBytesPerBatchedStep);
    }

    private static long MeasureBatched(FastVlmEngine engine, IEncodedImage encoded, int tokens)
    {
        var options = new GenerationOptions { MaxNewTokens = tokens, MinNewTokens = tokens };
        var questions = Enumerable.Range(0, Rows).Select(i => ($"Question number {i}?", options)).ToArray();
        var least = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var results = FastVlmEngineDiagnostics.AskMany(engine, encoded, questions);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            results.Should().AllSatisfy(r => r.TokenIds.Should().HaveCount(tokens));
            least = Math.Min(least, allocated);
        }

        return least;
    }
}
