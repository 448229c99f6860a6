using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>
/// Whether a reviewer's saved value is the model's answer under the field's type (the evaluation harness's comparison:
/// numbers numerically, text normalised). A reviewer's value that cannot be read as the field's type (<c>"abc"</c> for
/// a number, <c>1e308</c>) differs from any answer the model can give, so it counts as changed; <paramref name="problem"/>
/// then says why, for a warning. This is the one place that compares the two values, whatever record holds them.
/// </summary>
public static class ReviewedValueComparison
{
    /// <param name="field">The schema field (its type decides the comparison).</param>
    /// <param name="modelValue">The model's normalised value; null when it found nothing.</param>
    /// <param name="modelCurrency">The model's ISO 4217 code for amounts; null when none.</param>
    /// <param name="reviewerValue">The value the reviewer saved.</param>
    /// <param name="modelFound">Whether the model answered at all (an answer it could not read has no value but was found); null: when it has a value.</param>
    /// <param name="problem">Why the reviewer's value could not be read as the field's type; null when it could.</param>
    /// <returns>True when the values are equal under the field's type.</returns>
    public static bool IsSame(SchemaField field, JsonNode? modelValue, string? modelCurrency, JsonNode? reviewerValue, bool? modelFound, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(field);
        problem = null;
        var model = new FieldResult { Value = modelValue?.DeepClone(), Currency = modelCurrency, Found = modelFound ?? modelValue is not null };
        try
        {
            return FieldComparer.Compare(field, reviewerValue, expectedCurrency: null, model).Correct;
        }
        catch (TruthInvalidException e)
        {
            problem = e.Problem;
            return false;
        }
    }
}
