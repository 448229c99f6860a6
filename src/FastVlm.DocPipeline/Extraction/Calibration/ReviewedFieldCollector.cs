using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>
/// Turns reviewed documents into calibration observations. A reviewer's value (the value in force of a field whose
/// decision stands) is ground truth, and the model's own answer (<see cref="FieldResult.Model"/>) is what is measured:
/// it was kept when the reviewer accepted it, or saved a value that equals it under the field's type (the evaluation
/// harness's comparison: numbers numerically, text normalised). Table fields are left out: their rows are
/// reviewed cell by cell, which a single kept/changed outcome does not describe. A field whose confidence is not a
/// number from 0 to 1 is left out (it says nothing about calibration); a reviewer's value that cannot be read as the
/// field's type counts as changed (<see cref="ReviewedValueComparison"/>). Nothing in a record makes it throw.
/// </summary>
public static class ReviewedFieldCollector
{
    public static IEnumerable<ReviewedField> From(ExtractionSchema schema, DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        if (document.Schema is null || document.Fields is null
            || !string.Equals(document.Schema.Name, schema.Name, StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var field in schema.Fields)
        {
            if (field.Type == FieldType.Table
                || !document.Fields.TryGetValue(field.Name, out var result)
                || result is not { Reviewed: true, Review: { } review }
                || !double.IsFinite(result.Confidence) || result.Confidence is < 0 or > 1)
            {
                continue;
            }

            string? problem = null;
            var model = ModelAnswers.Of(result);
            var kept = review.Action == ReviewActions.Accepted
                || ReviewedValueComparison.IsSame(field, model.Value, model.Currency, result.Value, model.Found, out problem);
            yield return new ReviewedField(document.DocumentId, field.Name, model.Confidence, kept, problem);
        }
    }
}
