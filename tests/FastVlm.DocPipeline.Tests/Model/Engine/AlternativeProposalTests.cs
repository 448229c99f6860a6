using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>
/// <see cref="FastVlmEngine.ProposeAlternativesAsync"/> (one prefill of question + answer prefix on the cached page
/// prefix per branch) against a reference built here from the single-question generator's next-token logits after
/// teacher forcing, one decode step per token: the branch token is the best one other than the answer's, then greedy.
/// </summary>
[Collection(EngineModelsCollection.Name)]
public sealed class AlternativeProposalTests(EngineTestModels models)
{
    private const string Question = "What is the invoice number?\nAnswer the question using a single word or phrase.";
    private const int MaxNewTokens = 8;

    private string ModelPath(string model) => model switch
    {
        "tiny-1" => models.Tiny1,
        "tiny-2" => models.Tiny2,
        _ => models.TinyQwen3,
    };

    [Theory]
    [InlineData("tiny-1", 3)]
    [InlineData("tiny-2", 4)]
    [InlineData("tiny-qwen-3", 5)]
    public async Task Alternatives_equal_forcing_the_answer_prefix_and_decoding_greedily_step_by_step(string model, int imageSeed)
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = ModelPath(model) });
        using var page = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, imageSeed));
        var answer = await engine.AskAsync(page, Question, new GenerationOptions { MaxNewTokens = MaxNewTokens });

        var proposed = await engine.ProposeAlternativesAsync(page, Question, answer, new AlternativeOptions { MaxNewTokens = MaxNewTokens, MaxDecodeTokens = 1000 });

        var positions = LeastConfidentPositions(engine, answer);
        positions.Should().NotBeEmpty();
        proposed.Answers.Should().HaveCount(positions.Length, "a budget this large cuts no branch short");
        var decoded = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            var (ids, logprobs) = await ReferenceBranchAsync(engine, page, answer, positions[i]);
            var alternative = proposed.Answers[i];
            alternative.TokenIds.Should().Equal(ids, $"branch at token {positions[i]}");
            alternative.TokenLogprobs.Should().HaveCount(logprobs.Count);
            for (var k = 0; k < logprobs.Count; k++)
            {
                Math.Abs(alternative.TokenLogprobs[k] - logprobs[k]).Should().BeLessThanOrEqualTo(1e-4 * Math.Max(1, Math.Abs(logprobs[k])), $"branch {positions[i]}, token {k}");
            }

            alternative.TokenIds[positions[i]].Should().NotBe(answer.TokenIds[positions[i]]);
            alternative.FinishReason.Should().Be(engine.Model.EosIds.Contains(ids[^1]) ? FinishReason.Stop : FinishReason.Length);
            alternative.Text.Should().Be(engine.Model.Tokenizer.Decode(ids));
            decoded += ids.Count - positions[i];
        }

        proposed.DecodedTokens.Should().Be(decoded, "every token after the branch point is decoded; the forced ones are prefilled");
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_alternatives()
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.TinyQwen3 });
        var image = TestImages.Text(models.ImageSize, models.ImageSize, "Invoice INV-42\nTotal 12.00");
        var options = new AlternativeOptions { MaxNewTokens = MaxNewTokens };
        using var first = await engine.EncodeImageAsync(image);
        using var second = await engine.EncodeImageAsync(image);
        var answer = await engine.AskAsync(first, Question, new GenerationOptions { MaxNewTokens = MaxNewTokens });

        var once = await engine.ProposeAlternativesAsync(first, Question, answer, options);
        var again = await engine.ProposeAlternativesAsync(second, Question, await engine.AskAsync(second, Question, new GenerationOptions { MaxNewTokens = MaxNewTokens }), options);

        once.Answers.Should().NotBeEmpty();
        again.DecodedTokens.Should().Be(once.DecodedTokens);
        again.Answers.Select(a => a.TokenIds).Should().BeEquivalentTo(once.Answers.Select(a => a.TokenIds), o => o.WithStrictOrdering());
        again.Answers.Select(a => a.TokenLogprobs).Should().BeEquivalentTo(once.Answers.Select(a => a.TokenLogprobs), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task No_budget_decodes_more_tokens_than_it_allows_and_no_alternative_is_cut_short()
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny1 });
        using var page = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 6));
        var answer = await engine.AskAsync(page, Question, new GenerationOptions { MaxNewTokens = MaxNewTokens });
        var unbounded = await engine.ProposeAlternativesAsync(page, Question, answer, new AlternativeOptions { MaxNewTokens = MaxNewTokens, MaxDecodeTokens = 1000 });
        var unboundedIds = unbounded.Answers.Select(a => string.Join(',', a.TokenIds)).ToList();

        for (var budget = 0; budget <= unbounded.DecodedTokens; budget++)
        {
            var bounded = await engine.ProposeAlternativesAsync(page, Question, answer, new AlternativeOptions { MaxNewTokens = MaxNewTokens, MaxDecodeTokens = budget });

            bounded.DecodedTokens.Should().BeLessThanOrEqualTo(budget);
            bounded.Answers.Count.Should().BeLessThanOrEqualTo(AlternativeOptions.MaxAlternativesLimit);
            var ids = bounded.Answers.Select(a => string.Join(',', a.TokenIds)).ToList();
            ids.Should().BeSubsetOf(unboundedIds, $"a budget of {budget} only leaves alternatives out, it never changes one");
            ids.Select(id => unboundedIds.IndexOf(id)).Should().BeInAscendingOrder();
        }

        var one = await engine.ProposeAlternativesAsync(page, Question, answer, new AlternativeOptions { MaxNewTokens = MaxNewTokens, MaxAlternatives = 1, MaxDecodeTokens = 1000 });
        one.Answers.Select(a => a.TokenIds).Should().BeEquivalentTo(unbounded.Answers.Take(1).Select(a => a.TokenIds), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Bad_options_and_foreign_answers_are_refused()
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny2 });
        using var page = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 2));
        var answer = await engine.AskAsync(page, Question, new GenerationOptions { MaxNewTokens = 4 });

        engine.CanProposeAlternatives(page).Should().BeTrue();
        await engine.Invoking(e => e.ProposeAlternativesAsync(page, Question, answer, new AlternativeOptions { MaxAlternatives = 4 }))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        await engine.Invoking(e => e.ProposeAlternativesAsync(page, Question, answer, new AlternativeOptions { MaxDecodeTokens = -1 }))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        await engine.Invoking(e => e.ProposeAlternativesAsync(page, Question, answer with { TokenLogprobs = [] }))
            .Should().ThrowAsync<ArgumentException>();

        using var uncached = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny2, ReusePrefixCache = false });
        using var plain = await uncached.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 2));
        uncached.CanProposeAlternatives(plain).Should().BeFalse();
        await uncached.Invoking(e => e.ProposeAlternativesAsync(plain, Question, answer)).Should().ThrowAsync<ArgumentException>();
    }

    /// <summary>The answer's least likely tokens, the stop token excluded, at most three, least likely first (ties: earlier first).</summary>
    private static int[] LeastConfidentPositions(FastVlmEngine engine, GenerationResult answer)
    {
        var content = engine.Model.EosIds.Contains(answer.TokenIds[^1]) ? answer.TokenIds.Count - 1 : answer.TokenIds.Count;
        return Enumerable.Range(0, content).OrderBy(i => answer.TokenLogprobs[i]).ThenBy(i => i).Take(3).ToArray();
    }

    /// <summary>Forces the answer up to <paramref name="position"/>, takes the best other token there, then the greedy ones, one forced step at a time.</summary>
    private static async Task<(List<int> Ids, List<double> Logprobs)> ReferenceBranchAsync(FastVlmEngine engine, IEncodedImage page, GenerationResult answer, int position)
    {
        var ids = answer.TokenIds.Take(position).ToList();
        var logprobs = ids.Count == 0 ? [] : (await FastVlmEngineDiagnostics.TeacherForcedLogprobsAsync(engine, page, Question, ids)).ToList();
        while (ids.Count < MaxNewTokens)
        {
            var logits = await FastVlmEngineDiagnostics.LogitsAfterAsync(engine, page, Question, ids);
            var excluded = ids.Count == position ? answer.TokenIds[position] : -1;
            var best = Enumerable.Range(0, logits.Length).Where(t => t != excluded).MaxBy(t => logits[t]);
            var max = logits.Max();
            logprobs.Add(logits[best] - max - Math.Log(logits.Sum(l => Math.Exp(l - max))));
            ids.Add(best);
            if (engine.Model.EosIds.Contains(best))
            {
                break;
            }
        }

        return (ids, logprobs);
    }
}
