using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// Moves the corrections that older records kept inside the document (<c>fields.X.correction</c>) into the review
/// record, once, before anything composes the document again: an upgrade never drops a reviewer's decision.
/// </summary>
public static class LegacyReviewImport
{
    public static async Task<ReviewRecord?> ImportAsync(IResultStore store, ExtractionSchema schema, DocumentRecord? document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schema);
        var review = document is null ? null : await store.GetReviewAsync(document.DocumentId, cancellationToken).ConfigureAwait(false);
        if (document is null || !document.Fields.Values.Any(f => f.LegacyCorrection is not null))
        {
            return review;
        }

        var legacy = document.Fields
            .Where(f => f.Value.LegacyCorrection is not null)
            .Select(f => Decision(schema, document, f.Key, f.Value))
            .OfType<ReviewDecision>()
            .OrderBy(d => d.At)
            .ToList();
        var approvedBy = document.Status == DocumentStatus.Reviewed && legacy.Count > 0 ? legacy[^1].Reviewer : null;
        return await store.UpdateReviewAsync(
            document.DocumentId,
            current =>
            {
                if (current is { Revision: > 0 })
                {
                    return current;
                }

                var decisions = legacy.Select((d, i) => d with { Sequence = i + 1 }).ToList();
                if (approvedBy is not null)
                {
                    decisions.Add(new ReviewDecision { Sequence = decisions.Count + 1, Action = ReviewActions.Approved, Reviewer = approvedBy, At = legacy[^1].At, ModelRunId = document.RunId });
                }

                return ReviewRecord.Empty(document.DocumentId) with { Decisions = decisions, Revision = decisions.Count, UpdatedAt = decisions.Count > 0 ? decisions[^1].At : null };
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static ReviewDecision? Decision(ExtractionSchema schema, DocumentRecord document, string name, FieldResult field)
    {
        var correction = field.LegacyCorrection!;
        var reviewer = (correction["reviewer"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? correction["reviewer"]!.GetValue<string>() : null;
        var action = (correction["action"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? correction["action"]!.GetValue<string>() : ReviewActions.Edited;
        var at = (correction["at"] as JsonValue)?.GetValueKind() == JsonValueKind.String
            && DateTime.TryParse(correction["at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : document.UpdatedAt;
        var type = schema.Fields.FirstOrDefault(f => f.Name == name)?.Type;
        return string.IsNullOrWhiteSpace(reviewer) || type is null || !ReviewActions.IsFieldAction(action)
            ? null
            : new ReviewDecision
            {
                Sequence = 0,
                Field = name,
                Action = action,
                Value = correction["value"]?.DeepClone(),
                FieldType = SchemaLoader.Wire(type.Value),
                ModelValue = field.Value?.DeepClone(),
                ModelRunId = document.RunId,
                Reviewer = reviewer,
                At = at,
            };
    }
}
