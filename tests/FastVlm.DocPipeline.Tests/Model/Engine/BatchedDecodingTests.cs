using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using Xunit.Abstractions;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>
/// <see cref="FastVlmEngine.AskManyAsync"/> against <see cref="FastVlmEngine.AskAsync"/>: one padded batch, lock-step
/// decoding and dropped finished rows must give every question the answer it gets alone.
/// </summary>
[Collection(EngineModelsCollection.Name)]
public sealed class BatchedDecodingTests(EngineTestModels models, ITestOutputHelper output)
{
    // Questions of different token lengths, so the batch is padded; different lengths of answer, so rows finish at
    // different steps and leave the batch while others go on.
    private static readonly (string Question, int MaxNewTokens)[] Fields =
    [
        ("What is the total?", 12),
        ("Who is the vendor named at the top of the page, next to the logo?", 20),
        ("Invoice date?", 5),
        ("List the line items.", 28),
        ("What is the invoice number?\nAnswer the question using a single word or phrase.", 16),
    ];

    private FastVlmEngine Load(string model) => FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = model });

    public static TheoryData<string, int> Cases => new()
    {
        { "tiny-1", 1 },
        { "tiny-1", 7 },
        { "tiny-2", 3 },
        { "tiny-qwen-3", 2 },
        { "tiny-qwen-3", 9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Batched_answers_equal_sequential_answers(string model, int imageSeed)
    {
        using var engine = Load(ModelPath(model));
        var image = imageSeed % 2 == 0
            ? TestImages.Text(models.ImageSize, models.ImageSize, $"Total {imageSeed}2.00\nACME Corp")
            : TestImages.Noise(models.ImageSize, models.ImageSize, imageSeed);
        using var page = await engine.EncodeImageAsync(image);
        var questions = Fields.Select(f => (f.Question, new GenerationOptions { MaxNewTokens = f.MaxNewTokens, MinNewTokens = f.MaxNewTokens })).ToArray();

        var batched = await Task.Run(() => FastVlmEngineDiagnostics.AskMany(engine, page, questions));

        batched.Should().HaveCount(Fields.Length);
        for (var i = 0; i < Fields.Length; i++)
        {
            var sequential = await engine.AskAsync(page, questions[i].Question, questions[i].Item2);
            await ExpectSameAnswerAsync(engine, page, questions[i].Question, sequential, batched[i]);
        }
    }

    [Fact]
    public async Task Ask_many_with_free_stopping_and_a_batch_size_bound_equals_asking_one_by_one()
    {
        using var engine = Load(models.TinyQwen3);
        using var page = await engine.EncodeImageAsync(TestImages.Text(models.ImageSize, models.ImageSize, "Invoice 42\nDue 2024-01-01"));
        var texts = Fields.Select(f => f.Question).ToArray();
        var options = new GenerationOptions { MaxNewTokens = 24, MaxBatchSize = 2 };

        var batched = await engine.AskManyAsync(page, texts, options);
        var unbounded = await engine.AskManyAsync(page, texts, new GenerationOptions { MaxNewTokens = 24 });

        for (var i = 0; i < texts.Length; i++)
        {
            var sequential = await engine.AskAsync(page, texts[i], options);
            await ExpectSameAnswerAsync(engine, page, texts[i], sequential, batched[i]);
            await ExpectSameAnswerAsync(engine, page, texts[i], sequential, unbounded[i]);
            batched[i].FinishReason.Should().Be(sequential.FinishReason);
        }
    }

    [Fact]
    public async Task Ask_many_without_a_prefix_cache_asks_one_by_one()
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny2, ReusePrefixCache = false });
        using var page = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 4));
        var options = new GenerationOptions { MaxNewTokens = 8, MinNewTokens = 8 };

        var batched = await engine.AskManyAsync(page, ["What is the total?", "Invoice date?"], options);

        batched[0].TokenIds.Should().Equal((await engine.AskAsync(page, "What is the total?", options)).TokenIds);
        batched[1].TokenIds.Should().Equal((await engine.AskAsync(page, "Invoice date?", options)).TokenIds);
    }

    [Fact]
    public async Task Ask_many_rejects_a_non_positive_batch_size_and_answers_no_questions_with_no_answers()
    {
        using var engine = Load(models.Tiny1);
        using var page = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 2));

        (await engine.AskManyAsync(page, [])).Should().BeEmpty();
        var act = () => engine.AskManyAsync(page, ["What?"], new GenerationOptions { MaxBatchSize = 0 });
        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    /// <summary>
    /// Same ids and log-probabilities within 1e-4 relative (of max(1, |lp|)). Where the ids part, the sequential
    /// path's logits at that step must show a near-tie between its choice and the batched one; the gap is reported.
    /// </summary>
    private async Task ExpectSameAnswerAsync(FastVlmEngine engine, IEncodedImage page, string question, GenerationResult sequential, GenerationResult batched)
    {
        var common = Math.Min(sequential.TokenIds.Count, batched.TokenIds.Count);
        var diverged = -1;
        for (var k = 0; k < common && diverged < 0; k++)
        {
            if (sequential.TokenIds[k] != batched.TokenIds[k])
            {
                diverged = k;
                break;
            }

            var expected = sequential.TokenLogprobs[k];
            Math.Abs(batched.TokenLogprobs[k] - expected).Should().BeLessThanOrEqualTo(1e-4f * Math.Max(1f, Math.Abs(expected)), $"log-prob of token {k} of '{question}'");
        }

        if (diverged < 0)
        {
            batched.TokenIds.Should().Equal(sequential.TokenIds, question);
            batched.Text.Should().Be(sequential.Text);
            return;
        }

        var logits = await FastVlmEngineDiagnostics.LogitsAfterAsync(engine, page, question, sequential.TokenIds.Take(diverged).ToArray());
        var a = logits[sequential.TokenIds[diverged]];
        var b = logits[batched.TokenIds[diverged]];
        var scale = logits.Max(Math.Abs);
        output.WriteLine($"'{question}': ids part at step {diverged} ({sequential.TokenIds[diverged]} vs {batched.TokenIds[diverged]}); logit gap {a - b:G4} of max |logit| {scale:G4}");
        Math.Abs(a - b).Should().BeLessThanOrEqualTo(1e-4f * scale, "ids may only part on a near-tie");
    }

    private string ModelPath(string name) => name switch
    {
        "tiny-1" => models.Tiny1,
        "tiny-2" => models.Tiny2,
        _ => models.TinyQwen3,
    };
}
