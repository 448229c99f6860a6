using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>
/// <see cref="FastVlmEngine.ScoreCandidatesAsync"/> (one batched prefill of question + candidate on the cached
/// prefix) against teacher forcing through the single-question generator, one decode step per token.
/// </summary>
[Collection(EngineModelsCollection.Name)]
public sealed class CandidateScoringTests(EngineTestModels models)
{
    private static readonly string[] Candidates = ["12.00", "ACME Corp", "", "yes", "no", "2024-01-31 EUR 1,234.56"];

    [Theory]
    [InlineData("tiny-1")]
    [InlineData("tiny-qwen-3")]
    public async Task Scores_equal_the_log_probabilities_of_teacher_forced_generation(string model)
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = model == "tiny-1" ? models.Tiny1 : models.TinyQwen3 });
        using var page = await engine.EncodeImageAsync(TestImages.Text(models.ImageSize, models.ImageSize, "Total 12.00\nACME Corp"));
        const string question = "What is the total?\nAnswer the question using a single word or phrase.";

        var scores = await engine.ScoreCandidatesAsync(page, question, Candidates);

        scores.Should().HaveCount(Candidates.Length);
        for (var i = 0; i < Candidates.Length; i++)
        {
            var ids = FastVlmEngineDiagnostics.AnswerIds(engine, Candidates[i]);
            var reference = (await FastVlmEngineDiagnostics.TeacherForcedLogprobsAsync(engine, page, question, ids)).Sum();
            scores[i].Should().BeLessThan(0);
            Math.Abs(scores[i] - reference).Should().BeLessThanOrEqualTo(1e-4 * Math.Max(1, Math.Abs(reference)), Candidates[i]);
        }
    }

    [Fact]
    public async Task The_greedy_answer_scores_the_sum_of_its_generated_log_probabilities()
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny2 });
        using var page = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 8));
        const string question = "Invoice date?";
        var answer = await engine.AskAsync(page, question, new GenerationOptions { MaxNewTokens = 10, MinNewTokens = 10 });
        var closing = FastVlmEngineDiagnostics.AnswerIds(engine, "")[^1];
        var forced = await FastVlmEngineDiagnostics.TeacherForcedLogprobsAsync(engine, page, question, [.. answer.TokenIds, closing]);

        var scores = await FastVlmEngineDiagnostics.ScoreTokensAsync(engine, page, question, [[.. answer.TokenIds, closing], [closing]]);

        var expected = answer.TokenLogprobs.Sum(x => (double)x) + forced[^1];
        Math.Abs(scores[0] - expected).Should().BeLessThanOrEqualTo(1e-4 * Math.Max(1, Math.Abs(expected)));
        var nothing = (await FastVlmEngineDiagnostics.TeacherForcedLogprobsAsync(engine, page, question, [closing]))[0];
        Math.Abs(scores[1] - nothing).Should().BeLessThanOrEqualTo(1e-4 * Math.Max(1, Math.Abs(nothing)));
    }
}
