using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>Generation behaviour of <see cref="FastVlmEngine"/> on synthetic models: caches, concurrency, batching, fp16, stopping.</summary>
[Collection(EngineModelsCollection.Name)]
public sealed class EngineBehaviourTests(EngineTestModels models)
{
    private static readonly string[] Questions = ["What is the total?", "Who is the vendor?", "Invoice date?", "List the line items."];

    private static GenerationOptions Exactly(int n) => new() { MaxNewTokens = n, MinNewTokens = n };

    private FastVlmEngine Load(string model, bool reusePrefix = true, GraphVariant variant = GraphVariant.Fp32) => FastVlmEngine.Load(new FastVlmEngineOptions
    {
        ModelDirectory = model,
        ReusePrefixCache = reusePrefix,
        VisionEncoderVariant = variant,
        EmbedTokensVariant = variant,
        DecoderVariant = variant,
    });

    [Fact]
    public async Task Prefix_reuse_gives_the_same_tokens_and_logits_as_prefilling_the_whole_prompt()
    {
        foreach (var model in new[] { models.Tiny1, models.TinyQwen3 })
        {
            using var reuse = Load(model, reusePrefix: true);
            using var full = Load(model, reusePrefix: false);
            var image = TestImages.Text(models.ImageSize, models.ImageSize * 3 / 2, "Total 12.00\nACME Corp");
            using var a = await reuse.EncodeImageAsync(image);
            using var b = await full.EncodeImageAsync(image);
            foreach (var question in Questions)
            {
                var (ra, la, pa) = await FastVlmEngineDiagnostics.AskWithFirstLogitsAsync(reuse, a, question, Exactly(24));
                var (rb, lb, pb) = await FastVlmEngineDiagnostics.AskWithFirstLogitsAsync(full, b, question, Exactly(24));
                pa.Should().Equal(pb);
                ra.TokenIds.Should().Equal(rb.TokenIds, question);
                var scale = lb.Max(Math.Abs);
                la.Zip(lb, (x, y) => Math.Abs(x - y)).Max().Should().BeLessThanOrEqualTo(1e-4f * scale);
            }
        }
    }

    [Fact]
    public async Task Cached_decoding_chooses_what_a_full_recompute_without_cache_chooses()
    {
        using var engine = Load(models.Tiny2);
        using var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, seed: 5));
        var result = await engine.AskAsync(encoded, "What is the invoice number?", Exactly(24));
        var recomputed = await FastVlmEngineDiagnostics.GreedyWithoutCacheAsync(engine, encoded, "What is the invoice number?", result.TokenIds.Take(23).ToArray());
        recomputed.Should().Equal(result.TokenIds);
    }

    [Fact]
    public async Task Concurrent_questions_give_the_same_answers_as_sequential_ones()
    {
        using var engine = Load(models.Tiny1);
        using var first = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, seed: 1));
        using var second = await engine.EncodeImageAsync(TestImages.Text(models.ImageSize, models.ImageSize, "Hello\nWorld"));
        var work = Questions.SelectMany(q => new[] { (Image: first, Question: q), (Image: second, Question: q) }).ToArray();

        var sequential = new List<IReadOnlyList<int>>();
        foreach (var (image, question) in work)
        {
            sequential.Add((await engine.AskAsync(image, question, Exactly(16))).TokenIds);
        }

        var concurrent = await Task.WhenAll(work.Select(w => Task.Run(() => engine.AskAsync(w.Image, w.Question, Exactly(16)))));
        concurrent.Select(r => r.TokenIds).Should().BeEquivalentTo(sequential, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Encoding_several_images_in_one_run_equals_encoding_them_one_by_one()
    {
        using var engine = Load(models.Tiny1);
        engine.SupportsBatchedEncoding.Should().BeTrue();
        var images = new[]
        {
            TestImages.Noise(models.ImageSize, models.ImageSize, seed: 7),
            TestImages.Text(models.ImageSize, models.ImageSize * 2, "Page two"),
            TestImages.Noise(models.ImageSize * 2, models.ImageSize, seed: 8),
        };
        var batch = await engine.EncodeImagesAsync(images);
        try
        {
            for (var i = 0; i < images.Length; i++)
            {
                using var single = await engine.EncodeImageAsync(images[i]);
                var a = await engine.AskAsync(batch[i], "Total?", Exactly(12));
                var b = await engine.AskAsync(single, "Total?", Exactly(12));
                a.TokenIds.Should().Equal(b.TokenIds);
            }
        }
        finally
        {
            foreach (var e in batch)
            {
                e.Dispose();
            }
        }
    }

    [Fact]
    public async Task Fp16_graphs_run_with_half_inputs_and_cache_and_agree_with_fp32()
    {
        using var fp32 = Load(models.Tiny1, variant: GraphVariant.Fp32);
        using var fp16 = Load(models.Tiny1, variant: GraphVariant.Fp16);
        fp16.Descriptor.DecoderVariant.Should().Be("fp16");
        var image = TestImages.Text(models.ImageSize, models.ImageSize, "Amount due\n1,234.56");
        using var a = await fp32.EncodeImageAsync(image);
        using var b = await fp16.EncodeImageAsync(image);
        var (ra, la, _) = await FastVlmEngineDiagnostics.AskWithFirstLogitsAsync(fp32, a, "What is the amount due?", Exactly(8));
        var (rb, lb, _) = await FastVlmEngineDiagnostics.AskWithFirstLogitsAsync(fp16, b, "What is the amount due?", Exactly(8));
        var scale = la.Max(Math.Abs);
        la.Zip(lb, (x, y) => Math.Abs(x - y)).Max().Should().BeLessThanOrEqualTo(2e-2f * scale);
        rb.TokenIds[0].Should().Be(ra.TokenIds[0]);
    }

    [Fact]
    public async Task Log_probabilities_are_the_log_softmax_of_the_chosen_tokens()
    {
        using var engine = Load(models.TinyQwen3);
        using var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, seed: 9));
        var (result, logits, _) = await FastVlmEngineDiagnostics.AskWithFirstLogitsAsync(engine, encoded, "Total?", Exactly(6));
        var max = logits.Max();
        var logSum = Math.Log(logits.Sum(v => Math.Exp(v - max))) + max;
        result.TokenLogprobs[0].Should().BeApproximately((float)(logits[result.TokenIds[0]] - logSum), 1e-4f);
        result.TokenIds[0].Should().Be(Array.IndexOf(logits, max));
        result.TokenLogprobs.Should().HaveCount(result.TokenIds.Count).And.OnlyContain(p => p <= 0);
        result.Timings.DecodedTokens.Should().Be(5);
        result.ImageTokenCount.Should().Be(encoded.ImageTokenCount);
    }

    [Fact]
    public async Task Generation_stops_on_an_eos_id_from_generation_config_and_includes_it()
    {
        var model = models.CopyOf(models.Tiny2);
        var image = TestImages.Noise(models.ImageSize, models.ImageSize, seed: 21);
        int firstToken;
        using (var engine = Load(model))
        using (var encoded = await engine.EncodeImageAsync(image))
        {
            firstToken = (await engine.AskAsync(encoded, "Name?", Exactly(4))).TokenIds[0];
        }

        var path = Path.Combine(model, "generation_config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config["eos_token_id"] = new JsonArray(firstToken);
        File.WriteAllText(path, config.ToJsonString());
        using (var engine = Load(model))
        using (var encoded = await engine.EncodeImageAsync(image))
        {
            var result = await engine.AskAsync(encoded, "Name?", new GenerationOptions { MaxNewTokens = 10 });
            result.TokenIds.Should().Equal(firstToken);
            result.FinishReason.Should().Be(FinishReason.Stop);
        }
    }

    [Fact]
    public async Task A_cancelled_question_throws_and_the_engine_keeps_working()
    {
        using var engine = Load(models.Tiny1);
        using var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, seed: 2));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await FluentActions.Awaiting(() => engine.AskAsync(encoded, "Total?", Exactly(8), cts.Token)).Should().ThrowAsync<OperationCanceledException>();
        (await engine.AskAsync(encoded, "Total?", Exactly(8))).TokenIds.Should().HaveCount(8);
    }

    [Fact]
    public async Task An_encoded_image_disposed_while_a_question_runs_stays_valid_until_it_ends()
    {
        using var engine = Load(models.Tiny1);
        var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, seed: 4));
        var expected = (await engine.AskAsync(encoded, "Total?", Exactly(20))).TokenIds;
        var running = engine.AskAsync(encoded, "Total?", Exactly(20));
        encoded.Dispose();
        var result = await running.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.TokenIds : null);
        if (result is not null)
        {
            result.Should().Equal(expected);
        }

        await FluentActions.Awaiting(() => engine.AskAsync(encoded, "Total?", Exactly(2))).Should().ThrowAsync<ObjectDisposedException>();
    }
}
