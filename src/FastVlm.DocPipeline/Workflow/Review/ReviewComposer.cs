using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Rules;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// Composes what every consumer reads: the model's answers of the document's latest finished run with the review
/// record laid over them. Pure and idempotent.
/// <list type="bullet">
/// <item>A field's <c>value</c> is the reviewer's when their latest decision on it stands (same field, same type),
/// otherwise the model's; <c>model</c> always keeps the model's answer.</item>
/// <item>A decision goes stale when the model now answers something else than the value the reviewer decided on (and
/// else than the reviewer's value): the field gets the issue <c>review_stale</c> and needs review, and the reviewer's
/// value stays in force until someone decides again.</item>
/// <item>The schema's rules are checked on the values in force.</item>
/// <item>A finished document is <c>reviewed</c> while its approval stands and no field is stale or undecided.</item>
/// </list>
/// </summary>
public static class ReviewComposer
{
    public const string StaleIssue = "review_stale";

    public static DocumentRecord Compose(ExtractionSchema schema, DocumentRecord document, ReviewRecord? review)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        var latest = LatestFieldDecisions(review);
        var fields = new Dictionary<string, FieldResult>(StringComparer.Ordinal);
        foreach (var (name, stored) in document.Fields)
        {
            var model = ModelOf(stored);
            var shown = stored with
            {
                Value = model.Value?.DeepClone(),
                Currency = model.Currency,
                Issue = model.Issue,
                NeedsReview = model.NeedsReview,
                Rows = model.Rows,
                Reviewed = false,
                Review = null,
                Model = model,
                LegacyCorrection = null,
            };
            var field = schema.Fields.FirstOrDefault(f => f.Name == name);
            if (field is not null && latest.TryGetValue(name, out var decision) && decision.FieldType == SchemaLoader.Wire(field.Type))
            {
                shown = Overlay(shown, model, field, decision);
            }

            fields[name] = shown;
        }

        var (checkedFields, rules) = RuleChecker.Check(schema, fields);
        var composed = checkedFields.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Reviewed ? fields[pair.Key] : pair.Value,
            StringComparer.Ordinal);

        var approval = review?.Decisions.LastOrDefault(d => d.Field is null);
        var approved = approval is { Action: ReviewActions.Approved };
        var stale = composed.Values.Count(f => f.Review is { Stale: true });
        var reviewed = composed.Values.Count(f => f.Reviewed);
        var finished = document.Status is DocumentStatus.Completed or DocumentStatus.Reviewed;
        var status = !finished ? document.Status
            : approved && stale == 0 && reviewed == composed.Count ? DocumentStatus.Reviewed
            : DocumentStatus.Completed;
        return document with
        {
            Fields = composed,
            Rules = rules,
            Status = status,
            NeedsReview = composed.Values.Any(f => f.NeedsReview) || document.Classification?.NeedsReview == true,
            Review = review is null || review.Revision == 0
                ? null
                : new DocumentReview
                {
                    Revision = review.Revision,
                    ApprovedBy = approved ? approval!.Reviewer : null,
                    ApprovedAt = approved ? approval!.At : null,
                    FieldsReviewed = reviewed,
                    FieldsStale = stale,
                    RecordId = review.Id,
                },
        };
    }

    /// <summary>The latest decision on each field, by field name.</summary>
    public static IReadOnlyDictionary<string, ReviewDecision> LatestFieldDecisions(ReviewRecord? review)
    {
        var latest = new Dictionary<string, ReviewDecision>(StringComparer.Ordinal);
        foreach (var decision in review?.Decisions ?? [])
        {
            if (decision.Field is { } field && ReviewActions.IsFieldAction(decision.Action))
            {
                latest[field] = decision;
            }
        }

        return latest;
    }

    /// <summary>The model's answer of a stored field: its <see cref="FieldResult.Model"/>, or the field itself on a freshly merged one.</summary>
    public static FieldModelAnswer ModelOf(FieldResult field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Model ?? new FieldModelAnswer
        {
            Value = field.Value?.DeepClone(),
            Raw = field.Raw,
            Currency = field.Currency,
            Confidence = field.Confidence,
            Issue = field.Issue,
            NeedsReview = field.NeedsReview,
            Rows = field.Rows,
        };
    }

    private static FieldResult Overlay(FieldResult shown, FieldModelAnswer model, SchemaField field, ReviewDecision decision)
    {
        var stale = !JsonNode.DeepEquals(decision.ModelValue, model.Value) && !JsonNode.DeepEquals(decision.Value, model.Value);
        return shown with
        {
            Value = decision.Value?.DeepClone(),
            Currency = field.Type == FieldType.Currency ? decision.Currency ?? model.Currency : shown.Currency,
            Rows = field.Type == FieldType.Table ? ReviewedTableRows.Of(field, decision.Value, shown.Page ?? 1) : shown.Rows,
            Issue = stale ? StaleIssue : null,
            NeedsReview = stale,
            Reviewed = !stale,
            Review = new FieldReviewState
            {
                Action = decision.Action,
                Reviewer = decision.Reviewer,
                At = decision.At,
                Sequence = decision.Sequence,
                Stale = stale,
                Raw = decision.Raw,
            },
        };
    }
}
