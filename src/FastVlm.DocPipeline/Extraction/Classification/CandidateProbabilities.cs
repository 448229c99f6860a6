namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>Turns candidates' total log-probabilities into probabilities over the candidates (a softmax).</summary>
public static class CandidateProbabilities
{
    public static double[] Normalise(IReadOnlyList<double> logProbabilities)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        if (logProbabilities.Count == 0)
        {
            return [];
        }

        var max = logProbabilities.Max();
        var weights = logProbabilities.Select(lp => Math.Exp(lp - max)).ToArray();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }
}
