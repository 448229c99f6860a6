using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// The model's answers of a stored document, with reviewers' values taken out: what evaluation and calibration measure.
/// A field a reviewer corrected counts as the model answered it.
/// </summary>
public static class ModelAnswers
{
    public static FieldResult Of(FieldResult field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Model is { } model
            ? field with { Value = model.Value?.DeepClone(), Currency = model.Currency, Rows = model.Rows, Issue = model.Issue, NeedsReview = model.NeedsReview, Reviewed = false, Review = null }
            : field;
    }

    public static DocumentRecord Of(DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document with { Fields = document.Fields.ToDictionary(f => f.Key, f => Of(f.Value), StringComparer.Ordinal) };
    }
}
