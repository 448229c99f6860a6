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

    // What one decode step may allocate on the managed heap. ONNX Runtime's managed API forces a few hundred bytes
    // per run (name and handle arrays, the output collection and one OrtValue wrapper per output) plus one OrtValue
    // wrapper for the attention-mask view, whose length changes every step; the answer's token/logprob lists and the
    // decoded text add a few dozen bytes per token. See the report in docs-fragments/decodealloc.md for the figures.
    private const long MaxBytesPerToken = 2400;

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
            var result = engine.Ask(encoded, "What is the total?", options);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            result.TokenIds.Should().HaveCount(tokens);
            least = Math.Min(least, allocated);
        }

        return least;
    }
}
