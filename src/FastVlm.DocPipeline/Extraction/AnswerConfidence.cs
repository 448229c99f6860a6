using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Confidence of an answer: the geometric mean of its tokens' probabilities, <c>exp(mean(logprob))</c> over
/// the answer tokens, the stop token excluded. The mean (not the sum) keeps long answers (addresses, dates
/// of several tokens) comparable with one-token answers; the stop token is left out because it says where
/// the answer ends, not whether its content is right, and is almost always near 1. An answer of no tokens
/// (the model stopped at once) takes the stop token's probability. Rounded to 4 decimals so stored values
/// compare exactly.
/// </summary>
public static class AnswerConfidence
{
    public static double FromLogprobs(IReadOnlyList<float> logprobs, FinishReason finishReason)
    {
        ArgumentNullException.ThrowIfNull(logprobs);
        if (logprobs.Count == 0)
        {
            return 0;
        }

        var count = finishReason == FinishReason.Stop ? logprobs.Count - 1 : logprobs.Count;
        if (count == 0)
        {
            return Round(Math.Exp(logprobs[0]));
        }

        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += logprobs[i];
        }

        return FromMeanLogprob(sum, count);
    }

    /// <summary><c>exp(sum / count)</c>, clamped to [0, 1] and rounded as every stored confidence is.</summary>
    public static double FromMeanLogprob(double sum, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Round(Math.Exp(sum / count));
    }

    private static double Round(double value) => Math.Round(Math.Clamp(value, 0, 1), 4, MidpointRounding.ToEven);
}
