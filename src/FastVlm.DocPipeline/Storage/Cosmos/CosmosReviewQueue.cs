using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Net;
using System.Text;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// The review queue of a <see cref="CosmosResultStore"/> as one query over the document items' <c>queue</c> summary
/// (<see cref="DocumentQueueSummary"/>): the view, schema, search and page size are part of the query, it is ordered by
/// the composite index <see cref="OrderIndex"/>, pages resume from the SDK's continuation token, and only what a queue
/// line shows is projected, so a page costs about as many items as it lists, never a read of the container.
/// </summary>
internal sealed class CosmosReviewQueue(CosmosContainerConnection connection, ILogger logger)
{
    private const string TokenPrefix = "c1.";

    private const string Projection =
        "SELECT c.id, c.source.name AS sourceName, c.schema.name AS schemaName, c.status, c.queue.fieldsToReview, c.queue.fieldsReviewed, " +
        "c.pageCount, c.updatedAt, c.runId, c.fieldsRunId, c.review.revision AS reviewRevision, c.review.fieldsStale, c.queue.leaseExpiresMs FROM c";

    /// <summary>The composite index the queue's ORDER BY needs: <c>queue.updatedMs</c> descending, then <c>id</c>.</summary>
    public static Collection<CompositePath> OrderIndex() =>
    [
        new CompositePath { Path = "/queue/updatedMs", Order = CompositePathSortOrder.Descending },
        new CompositePath { Path = "/id", Order = CompositePathSortOrder.Ascending },
    ];

    public async Task<ReviewQueue> QueryAsync(ReviewQueueQuery query, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var definition = Build(query, DocumentQueueSummary.UnixMs(now));
        var token = query.Continuation is { } continuation ? Unwrap(continuation) : null;
        var container = await connection.GetContainerAsync(cancellationToken).ConfigureAwait(false);
        var lines = new List<ReviewQueueItem>(query.Limit);
        var charge = 0.0;
        do
        {
            // A page may come back short of MaxItemCount; the next read asks only for what is missing, so the page
            // never holds more than the limit and its token resumes exactly after the last line.
            var options = new QueryRequestOptions { MaxItemCount = query.Limit - lines.Count };
            using var iterator = container.GetItemQueryIterator<QueueLine>(definition, token, options);
            if (!iterator.HasMoreResults)
            {
                token = null;
                break;
            }

            var response = await ReadAsync(iterator, query.Continuation is not null && lines.Count == 0, cancellationToken).ConfigureAwait(false);
            charge += response.RequestCharge;
            lines.AddRange(response.Select(l => l.ToItem(now)));
            token = response.ContinuationToken;
        }
        while (token is not null && lines.Count < query.Limit);

        logger.LogDebug("Review queue {View}: {Count} lines, {Charge} RU.", query.View, lines.Count, charge);
        return new ReviewQueue(lines, token is not null) { Continuation = token is null ? null : Wrap(token) };
    }

    public async Task<IReadOnlyList<string>> ListSchemaNamesAsync(CancellationToken cancellationToken)
    {
        var container = await connection.GetContainerAsync(cancellationToken).ConfigureAwait(false);
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        using var iterator = container.GetItemQueryIterator<string>(new QueryDefinition("SELECT DISTINCT VALUE c.schema.name FROM c WHERE c.type = 'document'"));
        while (iterator.HasMoreResults)
        {
            foreach (var name in await connection.RunAsync(null, ct => iterator.ReadNextAsync(ct), cancellationToken).ConfigureAwait(false))
            {
                if (!string.IsNullOrEmpty(name))
                {
                    names.Add(name);
                }
            }
        }

        return [.. names];
    }

    private static QueryDefinition Build(ReviewQueueQuery query, long nowMs)
    {
        var sql = new StringBuilder(Projection).Append(" WHERE c.type = 'document' AND IS_DEFINED(c.queue)");
        sql.Append(query.View switch
        {
            ReviewQueueView.NeedsReview =>
                " AND c.queue.reviewable = true AND c.status != @reviewed AND c.status != @failed AND c.queue.fieldsToReview > 0",
            ReviewQueueView.Failed => " AND c.queue.failed = true",
            ReviewQueueView.Reviewed => " AND c.status = @reviewed",
            _ => "",
        });
        if (query.Schema is not null)
        {
            sql.Append(" AND LOWER(c.schema.name) = @schema");
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            sql.Append(" AND CONTAINS(c.queue.search, @search)");
        }

        sql.Append(" ORDER BY c.queue.updatedMs DESC, c.id ASC");
        var definition = new QueryDefinition(sql.ToString())
            .WithParameter("@reviewed", JsonSerializer.SerializeToElement(DocumentStatus.Reviewed, ResultJson.Options).GetString())
            .WithParameter("@failed", JsonSerializer.SerializeToElement(DocumentStatus.Failed, ResultJson.Options).GetString())
            .WithParameter("@now", nowMs);
        if (query.Schema is { } schema)
        {
            definition = definition.WithParameter("@schema", schema.ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            definition = definition.WithParameter("@search", query.Search.Trim().ToLowerInvariant());
        }

        return definition;
    }

    private async Task<FeedResponse<QueueLine>> ReadAsync(FeedIterator<QueueLine> iterator, bool resumed, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.RunAsync(null, ct => iterator.ReadNextAsync(ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (resumed && IsBadToken(e))
        {
            throw InvalidToken(e);
        }
    }

    private static bool IsBadToken(Exception e) => e switch
    {
        CosmosException { StatusCode: HttpStatusCode.BadRequest } => true,
        CosmosStoreException { StatusCode: HttpStatusCode.BadRequest } => true,
        ArgumentException or FormatException or JsonException => true,
        _ => e.InnerException is { } inner && IsBadToken(inner),
    };

    private static string Wrap(string token) => TokenPrefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    private static string Unwrap(string continuation)
    {
        if (!continuation.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            throw InvalidToken(null);
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation.AsSpan(TokenPrefix.Length)));
        }
        catch (FormatException e)
        {
            throw InvalidToken(e);
        }
    }

    private static ArgumentException InvalidToken(Exception? inner) =>
        new("The continuation token is not one this queue handed out; start again from the first page (leave continuation out).", "continuation", inner);

    /// <summary>The projection a queue line is made from.</summary>
    private sealed record QueueLine
    {
        public required string Id { get; init; }

        public string? SourceName { get; init; }

        public string? SchemaName { get; init; }

        public DocumentStatus Status { get; init; }

        public int FieldsToReview { get; init; }

        public int FieldsReviewed { get; init; }

        public int PageCount { get; init; }

        public DateTime UpdatedAt { get; init; }

        public required string RunId { get; init; }

        public string? FieldsRunId { get; init; }

        public int? ReviewRevision { get; init; }

        public int? FieldsStale { get; init; }

        public long? LeaseExpiresMs { get; init; }

        public ReviewQueueItem ToItem(DateTime now) =>
            new(Id, SourceName ?? "", SchemaName ?? "", Status, FieldsToReview > 0, FieldsToReview, FieldsReviewed, PageCount, UpdatedAt,
                DocumentETag.Of(FieldsRunId, RunId, ReviewRevision ?? 0))
            {
                Interrupted = LeaseExpiresMs is { } expires && expires <= DocumentQueueSummary.UnixMs(now),
                FieldsStale = FieldsStale ?? 0,
            };
    }
}
