using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// What reviewers do with extracted documents, over any <see cref="IResultStore"/>: list the queue, save a decision
/// per field, approve a document. A save keeps the model's answer and adds the reviewer's value beside it, and it
/// applies only when the reviewer's etag is still the document's: a second reviewer working from an older copy gets
/// <see cref="ReviewErrorCodes.Conflict"/> instead of overwriting the first one's work.
/// </summary>
public sealed class DocumentReviewService
{
    public const int MaxValueLength = 4000;

    public const int MaxListItems = 200;

    private readonly IResultStore _store;
    private readonly TimeProvider _time;

    public DocumentReviewService(IResultStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The etag a review write must send: it changes with every review write and with every new run.</summary>
    public static string ETagOf(DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return $"{document.RunId}.{document.Review?.Revision ?? 0}";
    }

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

        var status = query.View switch
        {
            ReviewQueueView.NeedsReview => DocumentStatus.Completed,
            ReviewQueueView.Reviewed => DocumentStatus.Reviewed,
            _ => (DocumentStatus?)null,
        };
        var matches = new List<DocumentRecord>();
        await foreach (var document in _store.ListDocumentsAsync(status, cancellationToken).ConfigureAwait(false))
        {
            if (InView(document, query.View)
                && (query.Schema is null || string.Equals(document.Schema.Name, query.Schema, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrWhiteSpace(query.Search) || Mentions(document, query.Search.Trim())))
            {
                matches.Add(document);
            }
        }

        var items = matches
            .OrderByDescending(d => d.UpdatedAt)
            .ThenBy(d => d.DocumentId, StringComparer.Ordinal)
            .Take(query.Limit)
            .Select(ToItem)
            .ToList();
        return new ReviewQueue(items, matches.Count > items.Count);
    }

    /// <summary>Saves one reviewer decision on one field and returns the updated document.</summary>
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
        ValidateRequest(request);
        var at = _time.GetUtcNow().UtcDateTime;
        return await _store.UpdateDocumentAsync(
            documentId,
            current =>
            {
                var document = Reviewable(documentId, current, request.ETag);
                if (!document.Fields.TryGetValue(fieldName, out var field))
                {
                    throw new ReviewException(ReviewErrorCodes.FieldNotFound, $"Document '{documentId}' has no field '{fieldName}'; the fields are: {string.Join(", ", document.Fields.Keys)}.");
                }

                var correction = new FieldCorrection { Value = ReviewedValue(field, fieldName, request), Reviewer = reviewer, At = at, Action = request.Action };
                var fields = new Dictionary<string, FieldResult>(document.Fields, StringComparer.Ordinal)
                {
                    [fieldName] = field with { Reviewed = true, Correction = correction },
                };
                return WithReview(document, fields, at, approvedBy: null);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Approves a document: every field nobody has reviewed yet is accepted as the model answered it, by
    /// <paramref name="reviewer"/>, and the document becomes <see cref="DocumentStatus.Reviewed"/>.
    /// </summary>
    /// <exception cref="ReviewException">The document does not exist, is not reviewable, or the etag is stale.</exception>
    public async Task<DocumentRecord> ApproveAsync(string documentId, string reviewer, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(etag);
        RequireReviewer(reviewer);
        var at = _time.GetUtcNow().UtcDateTime;
        return await _store.UpdateDocumentAsync(
            documentId,
            current =>
            {
                var document = Reviewable(documentId, current, etag);
                var fields = document.Fields.ToDictionary(
                    pair => pair.Key,
                    pair => pair.Value.Reviewed
                        ? pair.Value
                        : pair.Value with
                        {
                            Reviewed = true,
                            Correction = new FieldCorrection { Value = pair.Value.Value?.DeepClone(), Reviewer = reviewer, At = at, Action = FieldReviewAction.Accepted },
                        },
                    StringComparer.Ordinal);
                return WithReview(document, fields, at, approvedBy: reviewer);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static DocumentRecord Reviewable(string documentId, DocumentRecord? current, string etag)
    {
        if (current is null)
        {
            throw new ReviewException(ReviewErrorCodes.DocumentNotFound, $"There is no document '{documentId}'.");
        }

        if (current.Status is not (DocumentStatus.Completed or DocumentStatus.Reviewed))
        {
            throw new ReviewException(ReviewErrorCodes.NotReviewable, $"Document '{documentId}' is {JsonSerializer.Serialize(current.Status).Trim('"')}; only completed documents can be reviewed.");
        }

        var currentETag = ETagOf(current);
        if (!string.Equals(etag, currentETag, StringComparison.Ordinal))
        {
            throw new ReviewException(ReviewErrorCodes.Conflict, $"Document '{documentId}' was changed by someone else since you loaded it (your etag '{etag}', now '{currentETag}'). Reload it, check their changes, and save again.")
            {
                CurrentETag = currentETag,
            };
        }

        return current;
    }

    private static DocumentRecord WithReview(DocumentRecord document, Dictionary<string, FieldResult> fields, DateTime at, string? approvedBy)
    {
        var review = document.Review ?? new DocumentReview();
        var allReviewed = fields.Values.All(f => f.Reviewed);
        return document with
        {
            Fields = fields,
            NeedsReview = fields.Values.Any(f => f.NeedsReview && !f.Reviewed),
            Status = allReviewed ? DocumentStatus.Reviewed : document.Status,
            Review = review with
            {
                Revision = review.Revision + 1,
                ApprovedBy = approvedBy ?? review.ApprovedBy,
                ApprovedAt = approvedBy is null ? review.ApprovedAt : at,
            },
            UpdatedAt = at,
        };
    }

    private static JsonNode? ReviewedValue(FieldResult field, string fieldName, FieldReviewRequest request) => request.Action switch
    {
        FieldReviewAction.Accepted => field.Value?.DeepClone(),
        FieldReviewAction.Alternative when field.Alternatives is { } alternatives && request.Alternative is { } index && index >= 0 && index < alternatives.Count =>
            alternatives[index].Value?.DeepClone(),
        FieldReviewAction.Alternative => throw new ReviewException(
            ReviewErrorCodes.AlternativeNotFound,
            $"Field '{fieldName}' has {field.Alternatives?.Count ?? 0} alternatives; alternative {request.Alternative} does not exist."),
        _ => request.Value?.DeepClone(),
    };

    private static void ValidateRequest(FieldReviewRequest request)
    {
        switch (request.Action)
        {
            case FieldReviewAction.Accepted:
                return;
            case FieldReviewAction.Alternative when request.Alternative is not null:
                return;
            case FieldReviewAction.Alternative:
                throw new ReviewException(ReviewErrorCodes.ActionInvalid, "Picking an alternative needs its number: \"alternative\": 0.");
            case FieldReviewAction.Edited:
                ValidateValue(request.Value);
                return;
            default:
                throw new ReviewException(
                    ReviewErrorCodes.ActionInvalid,
                    $"Unknown review action '{request.Action}'; use '{FieldReviewAction.Accepted}', '{FieldReviewAction.Edited}' or '{FieldReviewAction.Alternative}'.");
        }
    }

    private static void ValidateValue(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return;
            case JsonArray items when items.Count <= MaxListItems:
                foreach (var item in items)
                {
                    if (item is JsonArray)
                    {
                        throw InvalidValue();
                    }

                    ValidateValue(item);
                }

                return;
            case JsonValue scalar when scalar.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return;
            case JsonValue scalar when scalar.GetValueKind() is JsonValueKind.String:
                var text = scalar.GetValue<string>();
                if (text.Length > MaxValueLength || text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
                {
                    throw InvalidValue();
                }

                return;
            default:
                throw InvalidValue();
        }
    }

    private static ReviewException InvalidValue() => new(
        ReviewErrorCodes.ValueInvalid,
        $"A corrected value is a string (at most {MaxValueLength} characters, no control characters), a number, a boolean, null, or a list of at most {MaxListItems} of those.");

    private static void RequireReviewer(string reviewer)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new ReviewException(ReviewErrorCodes.ReviewerMissing, "A review write needs the reviewer's identity; sign in (or, locally, run as a named user).");
        }
    }

    private static bool InView(DocumentRecord document, ReviewQueueView view) => view switch
    {
        ReviewQueueView.NeedsReview => document.Status == DocumentStatus.Completed && document.Fields.Values.Any(f => f.NeedsReview && !f.Reviewed),
        ReviewQueueView.Failed => document.Status == DocumentStatus.Failed || document.PagesFailed > 0,
        ReviewQueueView.Reviewed => document.Status == DocumentStatus.Reviewed,
        _ => true,
    };

    private static bool Mentions(DocumentRecord document, string search) =>
        document.DocumentId.Contains(search, StringComparison.OrdinalIgnoreCase)
        || document.Source.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
        || document.Fields.Values.Any(f =>
            (f.Raw?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false)
            || Text(f.Value).Contains(search, StringComparison.OrdinalIgnoreCase)
            || Text(f.Correction?.Value).Contains(search, StringComparison.OrdinalIgnoreCase));

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static ReviewQueueItem ToItem(DocumentRecord d) => new(
        d.DocumentId,
        d.Source.Name,
        d.Schema.Name,
        d.Status,
        d.NeedsReview,
        d.Fields.Values.Count(f => f.NeedsReview && !f.Reviewed),
        d.Fields.Values.Count(f => f.Reviewed),
        d.PageCount,
        d.UpdatedAt,
        ETagOf(d));
}
