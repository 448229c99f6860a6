using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Extraction;

public class AnswerConfidenceTests
{
    [Fact]
    public void Is_the_geometric_mean_of_answer_token_probabilities_without_the_stop_token()
    {
        // Probabilities 0.9 and 0.4, then the stop token at 0.01 (ignored): sqrt(0.9 * 0.4) = 0.6.
        var logprobs = new[] { (float)Math.Log(0.9), (float)Math.Log(0.4), (float)Math.Log(0.01) };
        AnswerConfidence.FromLogprobs(logprobs, FinishReason.Stop).Should().BeApproximately(0.6, 1e-4);
    }

    [Fact]
    public void Counts_every_token_when_cut_off_at_the_limit()
    {
        var logprobs = new[] { (float)Math.Log(0.5), (float)Math.Log(0.5), (float)Math.Log(0.125) };
        AnswerConfidence.FromLogprobs(logprobs, FinishReason.Length).Should().BeApproximately(0.3150, 1e-4);
    }

    [Fact]
    public void An_immediate_stop_takes_the_stop_token_probability()
    {
        AnswerConfidence.FromLogprobs([(float)Math.Log(0.8)], FinishReason.Stop).Should().BeApproximately(0.8, 1e-4);
        AnswerConfidence.FromLogprobs([], FinishReason.Stop).Should().Be(0);
    }

    [Fact]
    public void Length_does_not_lower_confidence_by_itself()
    {
        var shortAnswer = new[] { (float)Math.Log(0.9), 0f };
        var longAnswer = Enumerable.Repeat((float)Math.Log(0.9), 12).Append(0f).ToArray();
        AnswerConfidence.FromLogprobs(longAnswer, FinishReason.Stop).Should().Be(AnswerConfidence.FromLogprobs(shortAnswer, FinishReason.Stop));
    }
}
