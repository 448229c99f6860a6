using System.Collections.Concurrent;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// What reviewers do with extracted documents, over any <see cref="IResultStore"/>: list the queue, save a decision per
/// field, approve a document or withdraw the approval. Every decision is appended to the document's own
/// <see cref="ReviewRecord"/>, which no run touches; the document is then composed again (<see cref="ReviewComposer"/>)
/// so that its <c>value</c>s are the values in force. A decision applies only when the reviewer's etag is still the
/// document's: a second reviewer working from an older copy gets <see cref="ReviewErrorCodes.Conflict"/> instead of
/// overwriting the first one's work. Saves are allowed while a run is in progress: the next run keeps them.
/// </summary>
public sealed class DocumentReviewService
{
    private readonly IResultStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ExtractionSchema> _schemas = new(StringComparer.Ordinal);

    private readonly Events.DocumentCompletionNotifier? _events;

    /// <param name="events">Publishes the <c>DocumentReviewed</c> event of each approval; null publishes nothing.</param>
    public DocumentReviewService(IResultStore store, TimeProvider? timeProvider = null, Events.DocumentCompletionNotifier? events = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _events = events;
    }

    /// <summary>The etag a review write must send (<see cref="DocumentETag.Of"/>).</summary>
    public static string ETagOf(DocumentRecord document) => DocumentETag.Of(document);

    public async Task<ReviewQueue> GetQueueAsync(ReviewQueueQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > ReviewQueueQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"The queue limit must be between 1 and {ReviewQueueQuery.MaxLimit}.");
        }

        if (query.Search is { Length: > ReviewQueueQuery.MaxSearchLength })
        {
            throw new ArgumentOutOfRangeException(nameof(query), $"A search has at most {ReviewQueueQuery.MaxSearchLength} characters.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (_store is IReviewQueueSource source)
        {
            return await source.QueryQueueAsync(query, now, cancellationToken).ConfigureAwait(false);
        }

        var matches = new List<DocumentRecord>();
        await foreach (var document in _store.ListDocumentsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var summary = document.Queue ?? DocumentQueueSummary.Of(document);
            if (ReviewQueueFilter.InView(query.View, document.Status, summary, now)
                && (query.Schema is null || string.Equals(document.Schema.Name, query.Schema, StringComparison.OrdinalIgnoreCase))
                && ReviewQueueFilter.Mentions(summary, query.Search))
            {
                matches.Add(document);
            }
        }

        var items = matches
            .OrderByDescending(d => d.UpdatedAt)
            .ThenBy(d => d.DocumentId, StringComparer.Ordinal)
            .Take(query.Limit)
            .Select(d => ReviewQueueItem.Of(d, now))
            .ToList();
        return new ReviewQueue(items, matches.Count > items.Count);
    }

    public async Task<IReadOnlyList<string>> ListSchemaNamesAsync(CancellationToken cancellationToken = default)
    {
        if (_store is IReviewQueueSource source)
        {
            return await source.ListSchemaNamesAsync(cancellationToken).ConfigureAwait(false);
        }

        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var document in _store.ListDocumentsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            names.Add(document.Schema.Name);
        }

        return [.. names];
    }

    /// <summary>
    /// The document as reviewers and consumers see it. When its review record is ahead of it (a save whose second step did
    /// not happen), it is composed again and stored first.
    /// </summary>
    public async Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var document = await _store.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null || !HasReviewableFields(document))
        {
            return document;
        }

        var legacy = document.Fields.Values.Any(f => f.LegacyCorrection is not null);
        var schema = legacy ? await SchemaOfAsync(document, cancellationToken).ConfigureAwait(false) : null;
        var review = legacy
            ? await LegacyReviewImport.ImportAsync(_store, schema!, document, cancellationToken).ConfigureAwait(false)
            : await _store.GetReviewAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (!legacy && (review?.Revision ?? 0) <= (document.Review?.Revision ?? 0))
        {
            return document;
        }

        schema ??= await SchemaOfAsync(document, cancellationToken).ConfigureAwait(false);
        return await ComposeAsync(documentId, schema, review!, cancellationToken, evenIfCurrent: legacy).ConfigureAwait(false);
    }

    /// <summary>Every decision ever made on the document, oldest first (an empty record when there is none).</summary>
    public async Task<ReviewRecord> GetHistoryAsync(string documentId, CancellationToken cancellationToken = default) =>
        await _store.GetReviewAsync(documentId, cancellationToken).ConfigureAwait(false) ?? ReviewRecord.Empty(documentId);

    /// <summary>What a value would be saved as: the field type's normaliser applied, or the refusal a save would get.</summary>
    /// <exception cref="ReviewException">The document or field does not exist, or the value does not parse.</exception>
    public async Task<ReviewedValue> PreviewValueAsync(string documentId, string fieldName, System.Text.Json.Nodes.JsonNode? value, CancellationToken cancellationToken = default)
    {
        var document = Reviewable(documentId, await GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false));
        var schema = await SchemaOfAsync(document, cancellationToken).ConfigureAwait(false);
        return ReviewValueReader.Read(schema, FieldOf(schema, document, fieldName), value);
    }

    /// <summary>Saves one reviewer decision on one field and returns the document as now composed.</summary>
    /// <exception cref="ReviewException">The document or field does not exist, is not reviewable, the request is invalid, or the etag is stale.</exception>
    public async Task<DocumentRecord> ReviewFieldAsync(
        string documentId,
        string fieldName,
        FieldReviewRequest request,
        string reviewer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(fieldName);
        ArgumentNullException.ThrowIfNull(request);
        RequireReviewer(reviewer);
        ValidateAction(request);
        var document = Current(documentId, await GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false), request.ETag);
        var schema = await SchemaOfAsync(document, cancellationToken).ConfigureAwait(false);
        var field = FieldOf(schema, document, fieldName);
        var shown = document.Fields[fieldName];
        var value = request.Action switch
        {
            ReviewActions.Accepted => new ReviewedValue(shown.Value?.DeepClone(), null, shown.Currency),
            ReviewActions.Alternative when shown.Alternatives is { } alternatives && request.Alternative is { } index && index >= 0 && index < alternatives.Count =>
                new ReviewedValue(alternatives[index].Value?.DeepClone(), alternatives[index].Raw, alternatives[index].Currency),
            ReviewActions.Alternative => throw new ReviewException(
                ReviewErrorCodes.AlternativeNotFound,
                $"Field '{fieldName}' has {shown.Alternatives?.Count ?? 0} alternatives; alternative {request.Alternative} does not exist."),
            _ => ReviewValueReader.Read(schema, field, request.Value),
        };
        var at = _time.GetUtcNow().UtcDateTime;
        var review = await AppendAsync(document, [Decision(document, field, shown, request.Action, value, reviewer, at)], cancellationToken).ConfigureAwait(false);
        return await ComposeAsync(documentId, schema, review, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Approves a document: every field nobody has decided on (or whose decision went stale) is accepted as shown, by
    /// <paramref name="reviewer"/>, and the document becomes <see cref="DocumentStatus.Reviewed"/>. When flagged fields
    /// would be accepted unseen, <paramref name="acceptFlagged"/> must be their number.
    /// </summary>
    /// <exception cref="ReviewException">
    /// The document does not exist, is not reviewable, the etag is stale, or <see cref="ReviewErrorCodes.ConfirmationRequired"/>.
    /// </exception>
    public async Task<DocumentRecord> ApproveAsync(string documentId, string reviewer, string etag, int? acceptFlagged = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(etag);
        RequireReviewer(reviewer);
        var document = Current(documentId, await GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false), etag);
        var flagged = document.Fields.Count(f => f.Value.NeedsReview && !f.Value.Reviewed);
        if (flagged > 0 && acceptFlagged != flagged)
        {
            throw new ReviewException(
                ReviewErrorCodes.ConfirmationRequired,
                $"{flagged} flagged field{(flagged == 1 ? " has" : "s have")} not been reviewed; approving accepts {(flagged == 1 ? "it" : "them")} as shown. Confirm by sending \"acceptFlagged\": {flagged}.")
            {
                FlaggedFields = flagged,
            };
        }

        var schema = await SchemaOfAsync(document, cancellationToken).ConfigureAwait(false);
        var at = _time.GetUtcNow().UtcDateTime;
        var decisions = new List<ReviewDecision>();
        foreach (var (name, shown) in document.Fields)
        {
            if (!shown.Reviewed && schema.Fields.FirstOrDefault(f => f.Name == name) is { } field)
            {
                decisions.Add(Decision(document, field, shown, ReviewActions.Accepted, new ReviewedValue(shown.Value?.DeepClone(), null, shown.Currency), reviewer, at));
            }
        }

        decisions.Add(new ReviewDecision { Sequence = 0, Action = ReviewActions.Approved, ModelRunId = document.FieldsRunId, Reviewer = reviewer, At = at });
        var review = await AppendAsync(document, decisions, cancellationToken).ConfigureAwait(false);
        var approved = await ComposeAsync(documentId, schema, review, cancellationToken).ConfigureAwait(false);
        if (_events is not null && approved.Review?.ApprovedBy is not null)
        {
            await _events.NotifyApprovedAsync(approved, cancellationToken).ConfigureAwait(false);
        }

        return approved;
    }

    /// <summary>Withdraws the document's approval: it is <c>completed</c> again, every field decision stays, and the history records both.</summary>
    /// <exception cref="ReviewException">The document does not exist, the etag is stale, or it is not approved (<see cref="ReviewErrorCodes.NotApproved"/>).</exception>
    public async Task<DocumentRecord> WithdrawApprovalAsync(string documentId, string reviewer, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(etag);
        RequireReviewer(reviewer);
        var document = Current(documentId, await GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false), etag);
        if (document.Review?.ApprovedBy is null)
        {
            throw new ReviewException(ReviewErrorCodes.NotApproved, $"Document '{documentId}' is not approved, so there is no approval to withdraw.");
        }

        var schema = await SchemaOfAsync(document, cancellationToken).ConfigureAwait(false);
        var at = _time.GetUtcNow().UtcDateTime;
        var withdrawal = new ReviewDecision { Sequence = 0, Action = ReviewActions.ApprovalWithdrawn, ModelRunId = document.FieldsRunId, Reviewer = reviewer, At = at };
        var review = await AppendAsync(document, [withdrawal], cancellationToken).ConfigureAwait(false);
        return await ComposeAsync(documentId, schema, review, cancellationToken).ConfigureAwait(false);
    }

    private static ReviewDecision Decision(DocumentRecord document, SchemaField field, FieldResult shown, string action, ReviewedValue value, string reviewer, DateTime at) => new()
    {
        Sequence = 0,
        Field = field.Name,
        Action = action,
        Value = value.Value,
        Raw = value.Raw,
        Currency = value.Currency,
        FieldType = SchemaLoader.Wire(field.Type),
        ModelValue = ReviewComposer.ModelOf(shown).Value?.DeepClone(),
        ModelRunId = document.FieldsRunId,
        Reviewer = reviewer,
        At = at,
    };

    private async Task<ReviewRecord> AppendAsync(DocumentRecord document, IReadOnlyList<ReviewDecision> decisions, CancellationToken cancellationToken)
    {
        var expected = document.Review?.Revision ?? 0;
        var documentId = document.DocumentId;
        return await _store.UpdateReviewAsync(
            documentId,
            current =>
            {
                var record = current ?? ReviewRecord.Empty(documentId);
                if (record.Revision != expected)
                {
                    var now = $"{document.FieldsRunId ?? document.RunId}.{record.Revision}";
                    throw new ReviewException(ReviewErrorCodes.Conflict, $"Document '{documentId}' was reviewed by someone else since you loaded it (now '{now}'). Reload it, check their changes, and save again.")
                    {
                        CurrentETag = now,
                    };
                }

                var all = record.Decisions.ToList();
                foreach (var decision in decisions)
                {
                    all.Add(decision with { Sequence = all.Count + 1 });
                }

                return record with { Decisions = all, Revision = all.Count, UpdatedAt = decisions[^1].At };
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores the document composed with <paramref name="review"/>. The review record is already written and is what
    /// counts: when the document cannot be written now (another writer holds it), the composed view is returned and the
    /// next read stores it (<see cref="GetDocumentAsync"/>). A document already composed with this revision is left as it
    /// is, unless <paramref name="evenIfCurrent"/> (older corrections still to be taken out of it).
    /// </summary>
    private async Task<DocumentRecord> ComposeAsync(string documentId, ExtractionSchema schema, ReviewRecord review, CancellationToken cancellationToken, bool evenIfCurrent = false)
    {
        DocumentRecord Compose(DocumentRecord? current) => current is null
            ? throw new ReviewException(ReviewErrorCodes.DocumentNotFound, $"There is no document '{documentId}'.")
            : !evenIfCurrent && (current.Review?.Revision ?? 0) >= review.Revision
                ? current
                : ReviewComposer.Compose(schema, current, review) with { UpdatedAt = evenIfCurrent ? current.UpdatedAt : review.UpdatedAt ?? current.UpdatedAt };
        try
        {
            return await _store.UpdateDocumentAsync(documentId, Compose, cancellationToken).ConfigureAwait(false);
        }
        catch (DocPipelineException e) when (e.IsTransient && e is not ReviewException)
        {
            return Compose(await _store.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The schema the document was extracted with, from its run records.</summary>
    /// <exception cref="ReviewException"><see cref="ReviewErrorCodes.SchemaMissing"/>: no run record holds it.</exception>
    public Task<ExtractionSchema> GetSchemaAsync(DocumentRecord document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return SchemaOfAsync(document, cancellationToken);
    }

    private async Task<ExtractionSchema> SchemaOfAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var key = $"{document.DocumentId}";
        if (_schemas.TryGetValue(key, out var known))
        {
            return known;
        }

        var schema = RunRecordSchema.Read(await _store.GetRunsAsync(document.DocumentId, cancellationToken).ConfigureAwait(false), document.FieldsRunId);
        return schema is null
            ? throw new ReviewException(ReviewErrorCodes.SchemaMissing, $"The schema of document '{document.DocumentId}' is not in its run records, so its values cannot be typed; run the document again (docpipe extract).")
            : _schemas.GetOrAdd(key, schema);
    }

    private static bool HasReviewableFields(DocumentRecord document) =>
        document.Fields.Count > 0 && (document.FieldsRunId is not null || document.Status is DocumentStatus.Completed or DocumentStatus.Reviewed);

    private static DocumentRecord Reviewable(string documentId, DocumentRecord? current)
    {
        if (current is null)
        {
            throw new ReviewException(ReviewErrorCodes.DocumentNotFound, $"There is no document '{documentId}'.");
        }

        if (!HasReviewableFields(current))
        {
            throw new ReviewException(ReviewErrorCodes.NotReviewable, $"Document '{documentId}' is {JsonSerializer.Serialize(current.Status, ResultJson.Options).Trim('"')} and no run of it has finished yet, so there is nothing to review; wait for its run to finish.");
        }

        return current;
    }

    private static DocumentRecord Current(string documentId, DocumentRecord? current, string etag)
    {
        var document = Reviewable(documentId, current);
        var currentETag = DocumentETag.Of(document);
        if (!string.Equals(etag, currentETag, StringComparison.Ordinal))
        {
            throw new ReviewException(ReviewErrorCodes.Conflict, $"Document '{documentId}' was changed since you loaded it (your etag '{etag}', now '{currentETag}'): someone else reviewed it or a run finished with new answers. Reload it, check the changes, and save again.")
            {
                CurrentETag = currentETag,
            };
        }

        return document;
    }

    private static SchemaField FieldOf(ExtractionSchema schema, DocumentRecord document, string fieldName) =>
        document.Fields.ContainsKey(fieldName) && schema.Fields.FirstOrDefault(f => f.Name == fieldName) is { } field
            ? field
            : throw new ReviewException(ReviewErrorCodes.FieldNotFound, $"Document '{document.DocumentId}' has no field '{fieldName}'; the fields are: {string.Join(", ", document.Fields.Keys)}.");

    private static void ValidateAction(FieldReviewRequest request)
    {
        switch (request.Action)
        {
            case ReviewActions.Accepted:
            case ReviewActions.Edited:
                return;
            case ReviewActions.Alternative when request.Alternative is not null:
                return;
            case ReviewActions.Alternative:
                throw new ReviewException(ReviewErrorCodes.ActionInvalid, "Picking an alternative needs its number: \"alternative\": 0.");
            default:
                throw new ReviewException(
                    ReviewErrorCodes.ActionInvalid,
                    $"Unknown review action '{request.Action}'; use '{ReviewActions.Accepted}', '{ReviewActions.Edited}' or '{ReviewActions.Alternative}'.");
        }
    }

    private static void RequireReviewer(string reviewer)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new ReviewException(ReviewErrorCodes.ReviewerMissing, "A review write needs the reviewer's identity; sign in (or, locally, run as a named user).");
        }
    }
}
