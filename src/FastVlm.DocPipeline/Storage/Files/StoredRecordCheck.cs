using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// What a record read back from a JSON file must hold before anyone uses it: JSON can spell <c>null</c>
/// where the record type promises a value, so the non-nullable members are checked on read.
/// </summary>
internal static class StoredRecordCheck
{
    /// <returns>What is wrong (a JSON path and why), or null when the record is whole.</returns>
    public static string? Problem(object record) => record switch
    {
        DocumentRecord d => Missing(("id", d.Id), ("documentId", d.DocumentId), ("runId", d.RunId))
            ?? (d.Source is null ? "'source' is null"
                : Missing(("source.name", d.Source.Name), ("source.sha256", d.Source.Sha256)))
            ?? (d.Schema is null ? "'schema' is null"
                : Missing(("schema.name", d.Schema.Name), ("schema.version", d.Schema.Version)))
            ?? NullCollection(("fields", d.Fields), ("failedPages", d.FailedPages), ("timingsMs", d.TimingsMs))
            ?? (d.Fields.FirstOrDefault(f => f.Value is null) is { Key: { } field } ? $"'fields.{field}' is null" : null),
        PageRecord p => Missing(("id", p.Id), ("documentId", p.DocumentId), ("runId", p.RunId), ("status", p.Status))
            ?? NullCollection(("answers", p.Answers), ("timingsMs", p.TimingsMs))
            ?? (p.Answers.FirstOrDefault(a => a.Value is null) is { Key: { } answer } ? $"'answers.{answer}' is null" : null),
        RunRecord r => Missing(("id", r.Id), ("documentId", r.DocumentId), ("runId", r.RunId))
            ?? NullCollection(("fields", r.Fields), ("failedPages", r.FailedPages), ("pagesSkipped", r.PagesSkipped), ("timingsMs", r.TimingsMs)),
        ReviewRecord v => Missing(("id", v.Id), ("documentId", v.DocumentId))
            ?? NullCollection(("decisions", v.Decisions))
            ?? (v.Decisions.Select((d, i) => d is null ? $"'decisions[{i}]' is null"
                : Missing(($"decisions[{i}].action", d.Action), ($"decisions[{i}].reviewer", d.Reviewer))).FirstOrDefault(p => p is not null)),
        _ => null,
    };

    private static string? Missing(params (string Path, string? Value)[] members) =>
        members.FirstOrDefault(m => string.IsNullOrEmpty(m.Value)) is { Path: { } path } ? $"'{path}' is missing or null" : null;

    private static string? NullCollection(params (string Path, object? Value)[] members) =>
        members.FirstOrDefault(m => m.Value is null) is { Path: { } path } ? $"'{path}' is null" : null;
}
