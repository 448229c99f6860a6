using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The few facts the review queue filters on, kept on the document item so a queue request is one query and never
/// a read of every document. Stores set it on every document write; nothing else should.
/// </summary>
public sealed record DocumentQueueSummary
{
    /// <summary>Text searched by the queue's search box: id, source name, values in force and model text, lower case.</summary>
    public const int MaxSearchTextLength = 8000;

    /// <summary>The document has values from a finished run that a reviewer can act on.</summary>
    public bool Reviewable { get; init; }

    /// <summary>Fields that need a look now (low confidence, an issue, a failed rule, or a stale review).</summary>
    public int FieldsToReview { get; init; }

    public int FieldsReviewed { get; init; }

    /// <summary>The document failed, or some of its pages did.</summary>
    public bool Failed { get; init; }

    /// <summary>When the lease of the run in progress expires, in Unix milliseconds; null when no run is in progress.</summary>
    public long? LeaseExpiresMs { get; init; }

    /// <summary>Milliseconds since the Unix epoch of <see cref="DocumentRecord.UpdatedAt"/>: one sortable number in every store.</summary>
    public long UpdatedMs { get; init; }

    public string Search { get; init; } = "";

    public static DocumentQueueSummary Of(DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new DocumentQueueSummary
        {
            Reviewable = document.Fields.Count > 0 && (document.FieldsRunId is not null || document.Status is DocumentStatus.Completed or DocumentStatus.Reviewed),
            FieldsToReview = document.Fields.Values.Count(f => f.NeedsReview),
            FieldsReviewed = document.Fields.Values.Count(f => f.Reviewed),
            Failed = document.Status == DocumentStatus.Failed || document.PagesFailed > 0,
            LeaseExpiresMs = document.Lease is { } lease ? UnixMs(lease.ExpiresAt) : null,
            UpdatedMs = UnixMs(document.UpdatedAt),
            Search = SearchText(document),
        };
    }

    public static long UnixMs(DateTime at) => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static string SearchText(DocumentRecord document)
    {
        var text = new StringBuilder();
        text.Append(document.DocumentId).Append('\n').Append(document.Source?.Name).Append('\n');
        foreach (var field in document.Fields.Values)
        {
            if (text.Length >= MaxSearchTextLength)
            {
                break;
            }

            Append(text, field.Value);
            text.Append(field.Raw).Append('\n');
        }

        var all = text.ToString().ToLower(CultureInfo.InvariantCulture);
        return all.Length > MaxSearchTextLength ? all[..MaxSearchTextLength] : all;
    }

    private static void Append(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                text.Append(value.GetValue<string>()).Append('\n');
                return;
            default:
                text.Append(node.ToJsonString()).Append('\n');
                return;
        }
    }
}
