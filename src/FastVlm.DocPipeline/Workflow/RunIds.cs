namespace FastVlm.DocPipeline.Workflow;

/// <summary>Run ids: the run's start time and 8 hex digits of a replay-safe GUID (<c>20261201T220300Z-1a2b3c4d</c>).</summary>
public static class RunIds
{
    public static string Create(DateTime startedAtUtc, Guid id) => $"{startedAtUtc:yyyyMMdd'T'HHmmss'Z'}-{id.ToString("N")[..8]}";
}
