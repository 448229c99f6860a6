namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>The document etag (<see cref="DocumentETag.Of"/>) as HTTP hosts send and receive it.</summary>
public static class ReviewETag
{
    /// <summary>The quoted form for an <c>ETag</c> header.</summary>
    public static string ToHeader(string etag) => $"\"{etag}\"";

    /// <summary>The etag in an <c>If-Match</c> header, quotes removed; empty when there is none.</summary>
    /// <exception cref="ReviewException">
    /// <see cref="ReviewErrorCodes.ETagWeak"/>: a weak etag (<c>W/"…"</c>). A weak match says two versions are
    /// "about the same", which is not enough to overwrite a document, so a write needs the strong etag.
    /// </exception>
    public static string FromIfMatch(string? header)
    {
        var value = (header ?? "").Trim();
        if (value.StartsWith("W/", StringComparison.OrdinalIgnoreCase))
        {
            throw new ReviewException(
                ReviewErrorCodes.ETagWeak,
                "If-Match carries a weak etag (W/\"…\"); send the document's strong etag exactly as the ETag header or the \"etag\" field gave it.");
        }

        return value.Trim('"');
    }
}
