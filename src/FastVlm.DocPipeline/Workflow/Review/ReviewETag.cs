namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>The document etag (<see cref="DocumentETag.Of"/>) as HTTP hosts send and receive it.</summary>
public static class ReviewETag
{
    /// <summary>The quoted form for an <c>ETag</c> header.</summary>
    public static string ToHeader(string etag) => $"\"{etag}\"";

    /// <summary>The etag in an <c>If-Match</c> header, weak prefix and quotes removed; empty when there is none.</summary>
    public static string FromIfMatch(string? header)
    {
        var value = (header ?? "").Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Trim('"');
    }
}
