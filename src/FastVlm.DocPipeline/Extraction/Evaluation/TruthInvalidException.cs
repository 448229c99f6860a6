using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>A ground-truth value cannot be read as the schema field's type; fix the truth file.</summary>
public sealed class TruthInvalidException(string field, string message)
    : DocPipelineException(EvaluationErrorCodes.TruthInvalid, $"Truth field '{field}': {message}")
{
    public string Field { get; } = field;

    /// <summary>What is wrong with the value, without the field's name.</summary>
    public string Problem { get; } = message;
}
