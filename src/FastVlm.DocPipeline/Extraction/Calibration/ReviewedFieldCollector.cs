using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>
/// Turns reviewed documents into calibration observations. A reviewer's value (the value in force of a field whose
/// decision stands) is ground truth, and the model's own answer (<see cref="FieldResult.Model"/>) is what is measured:
/// it was kept when the reviewer accepted it, or saved a value that equals it under the field's type (the evaluation
/// harness's comparison: numbers numerically, text normalised). Table fields are left out: their rows are
/// reviewed cell by cell, which a single kept/changed outcome does not describe.
/// </summary>
public static class ReviewedFieldCollector
{
    public static IEnumerable<ReviewedField> From(ExtractionSchema schema, DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        if (!string.Equals(document.Schema.Name, schema.Name, StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var field in schema.Fields)
        {
            if (field.Type == FieldType.Table
                || !document.Fields.TryGetValue(field.Name, out var result)
                || result is not { Reviewed: true, Review: { } review })
            {
                continue;
            }

            var model = ModelAnswers.Of(result);
            var kept = review.Action == ReviewActions.Accepted
                || FieldComparer.Compare(field, result.Value, result.Currency, model).Correct;
            yield return new ReviewedField(document.DocumentId, field.Name, model.Confidence, kept);
        }
    }
}
