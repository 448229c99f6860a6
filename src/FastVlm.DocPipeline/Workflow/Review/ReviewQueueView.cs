using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>Which documents a review queue lists.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewQueueView>))]
public enum ReviewQueueView
{
    /// <summary>Completed documents with at least one field to look at, not yet approved.</summary>
    [JsonStringEnumMemberName("needsReview")] NeedsReview,

    /// <summary>Failed documents and documents with failed pages.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Documents a reviewer approved.</summary>
    [JsonStringEnumMemberName("reviewed")] Reviewed,

    /// <summary>Every document, newest first.</summary>
    [JsonStringEnumMemberName("recent")] Recent,
}
