namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The rule every store applies to a review record update: decisions are only ever added. An update that drops,
/// reorders or changes a stored decision, or numbers a new one out of sequence, is refused.
/// </summary>
public static class ReviewAppendGuard
{
    public const string RefusedCode = "review.append_only";

    /// <exception cref="DocPipelineException"><see cref="RefusedCode"/>: the update would rewrite review history.</exception>
    public static void Check(string documentId, ReviewRecord? current, ReviewRecord updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        if (updated.Id != ReviewRecord.MakeId(documentId) || updated.DocumentId != documentId)
        {
            throw Refused(documentId, $"it names document '{updated.DocumentId}' (id '{updated.Id}')");
        }

        var kept = current?.Decisions ?? [];
        if (updated.Decisions.Count < kept.Count)
        {
            throw Refused(documentId, $"it has {updated.Decisions.Count} decisions where {kept.Count} are stored");
        }

        for (var i = 0; i < kept.Count; i++)
        {
            if (!ReferenceEquals(kept[i], updated.Decisions[i]) && !Same(kept[i], updated.Decisions[i]))
            {
                throw Refused(documentId, $"it changes decision {i + 1}");
            }
        }

        for (var i = kept.Count; i < updated.Decisions.Count; i++)
        {
            if (updated.Decisions[i].Sequence != i + 1)
            {
                throw Refused(documentId, $"decision {i + 1} is numbered {updated.Decisions[i].Sequence}");
            }
        }

        if (updated.Revision != updated.Decisions.Count)
        {
            throw Refused(documentId, $"its revision {updated.Revision} is not its {updated.Decisions.Count} decisions");
        }
    }

    private static bool Same(ReviewDecision a, ReviewDecision b) =>
        a.Sequence == b.Sequence && a.Field == b.Field && a.Action == b.Action && a.Reviewer == b.Reviewer && a.At == b.At
        && a.Raw == b.Raw && a.Currency == b.Currency && a.FieldType == b.FieldType && a.ModelRunId == b.ModelRunId
        && System.Text.Json.Nodes.JsonNode.DeepEquals(a.Value, b.Value) && System.Text.Json.Nodes.JsonNode.DeepEquals(a.ModelValue, b.ModelValue);

    private static DocPipelineException Refused(string documentId, string why) =>
        new(RefusedCode, $"The review record of document '{documentId}' was not written: {why}. Review history is append-only; add a new decision instead.");
}
