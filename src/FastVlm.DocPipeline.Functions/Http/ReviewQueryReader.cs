using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Functions.Http;

/// <summary>The review queue's query string: <c>view</c>, <c>schema</c>, <c>q</c>, <c>limit</c>.</summary>
internal static class ReviewQueryReader
{
    public static readonly string Usage =
        $"Use view=needsReview|failed|reviewed|recent, schema=NAME, q=TEXT (at most {ReviewQueueQuery.MaxSearchLength} characters) and limit=1..{ReviewQueueQuery.MaxLimit}, each at most once.";

    private static readonly Dictionary<string, ReviewQueueView> Views = new(StringComparer.OrdinalIgnoreCase)
    {
        ["needsReview"] = ReviewQueueView.NeedsReview,
        ["failed"] = ReviewQueueView.Failed,
        ["reviewed"] = ReviewQueueView.Reviewed,
        ["recent"] = ReviewQueueView.Recent,
    };

    /// <summary>The query, or null when a parameter is repeated or out of range.</summary>
    public static ReviewQueueQuery? Read(IQueryCollection query)
    {
        if (query.Any(p => p.Value.Count > 1))
        {
            return null;
        }

        var defaults = new ReviewQueueQuery();
        var view = defaults.View;
        if (query.TryGetValue("view", out var viewText) && !Views.TryGetValue(viewText.ToString(), out view))
        {
            return null;
        }

        var limit = defaults.Limit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit)
                || limit is < 1 or > ReviewQueueQuery.MaxLimit))
        {
            return null;
        }

        var search = Optional(query, "q");
        if (search is { Length: > ReviewQueueQuery.MaxSearchLength })
        {
            return null;
        }

        return new ReviewQueueQuery { View = view, Schema = Optional(query, "schema"), Search = search, Limit = limit };
    }

    private static string? Optional(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;
}
