namespace FastVlm.DocPipeline.Extraction.Evaluation;

internal static class EvaluationMath
{
    /// <summary><paramref name="part"/>/<paramref name="whole"/>, or null when nothing was counted.</summary>
    public static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
