using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>Lifecycle of a document. Stored in camelCase (<c>queued</c>, <c>rasterizing</c>, …).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DocumentStatus>))]
public enum DocumentStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("rasterizing")] Rasterizing,
    [JsonStringEnumMemberName("extracting")] Extracting,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>The run was stopped (Ctrl-C, SIGTERM) before it finished; the next run resumes it.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>A completed document whose every field a reviewer accepted, corrected or approved.</summary>
    [JsonStringEnumMemberName("reviewed")] Reviewed,
}
