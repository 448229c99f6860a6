namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>Stable error codes of the evaluation harness.</summary>
public static class EvaluationErrorCodes
{
    /// <summary>A truth file holds a value that cannot be read as its field's type.</summary>
    public const string TruthInvalid = "truth.invalid";
}
