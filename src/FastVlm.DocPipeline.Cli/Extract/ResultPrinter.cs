using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>Prints stored results as plain text (for people) or JSON (for programs).</summary>
internal static class ResultPrinter
{
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, ResultJson.Indented);

    public static void WriteSummary(TextWriter writer, DocumentRecord document, bool withSource = true)
    {
        var source = withSource ? $"{Commands.SafeText.Escape(Path.GetFileName(document.Source.Name))}  " : "";
        var review = (document.NeedsReview ? "  needs review" : "")
            + (document.Review is { ApprovedBy: { } approver } ? $"  approved by {Commands.SafeText.Escape(approver)}" : "")
            + (document.Review is { FieldsStale: > 0 } stale ? $"  {stale.FieldsStale} reviewed field(s) need a new look" : "");
        var failed = document.PagesFailed > 0 ? $", {document.PagesFailed} failed" : "";
        writer.WriteLine($"{source}{document.Status.ToString().ToLowerInvariant()}  id {document.DocumentId}  {document.Schema.Name} v{document.Schema.Version}  pages {document.PagesDone}/{document.PageCount}{failed}{review}");
        if (document.Error is not null)
        {
            writer.WriteLine($"  error [{document.Error.Code}] {document.Error.Message}");
        }

        WriteClassification(writer, document);

        var width = document.Fields.Count == 0 ? 0 : document.Fields.Keys.Max(k => k.Length);
        foreach (var (name, field) in document.Fields)
        {
            var line = field.Found || field.Review is not null
                ? string.Create(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  {Display(field)}  ({field.Confidence:F2}, page {field.Page}){(field.NeedsReview ? "  review" : "")}{(field.Issue is null ? "" : "  " + field.Issue)}{Reviewed(field)}")
                : string.Create(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  (not found){(field.NeedsReview ? "  review" : "")}");
            writer.WriteLine(line);
            if (field.Rows is { Count: > 0 } rows)
            {
                TablePrinter.Write(writer, rows, "      ");
            }
        }

        foreach (var rule in document.Rules.Where(r => r.Status != "passed"))
        {
            writer.WriteLine($"  rule {rule.Status.Replace('_', ' ')}: {rule.Rule}{(rule.Detail is null ? "" : $" ({OneLine(rule.Detail)})")}");
        }

        foreach (var failure in document.FailedPages)
        {
            writer.WriteLine($"  page {failure.Page} failed after {failure.Attempts} attempt(s): [{failure.Code}] {failure.Message}");
        }
    }

    private const int MaxShown = 80;

    /// <summary>"  edited by ana (model: 1100)": who put the value in force, and the model's answer when it differs.</summary>
    private static string Reviewed(FieldResult field)
    {
        if (field.Review is not { } review)
        {
            return "";
        }

        var model = field.Model is { } answer && !JsonNode.DeepEquals(answer.Value, field.Value)
            ? $" (model: {(answer.Value is null ? "not found" : Display(field with { Value = answer.Value, Currency = answer.Currency, Rows = answer.Rows }))})"
            : "";
        return $"  {(review.Stale ? "stale " : "")}{review.Action} by {Commands.SafeText.Escape(review.Reviewer)}{model}";
    }

    private static string Display(FieldResult field)
    {
        var value = field.Value switch
        {
            null => $"\"{OneLine(field.Raw)}\" (unreadable)",
            JsonArray when field.Rows is not null => $"{field.Rows.Count} row(s)",
            JsonArray array => OneLine(string.Join("; ", array.Select(i => i?.ToString()))),
            JsonValue v when v.TryGetValue<string>(out var s) => OneLine(s),
            var other => other.ToJsonString(),
        };
        return field.Currency is null ? value : $"{value} {field.Currency}";
    }

    /// <summary>Answers on one line, control characters replaced, long ones cut (the JSON output has them whole).</summary>
    internal static string OneLine(string? text)
    {
        var chars = (text ?? "").Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var line = new string(chars).Trim();
        return line.Length <= MaxShown ? line : line[..MaxShown] + "…";
    }

    /// <summary>How <c>--schema auto</c> chose the schema, where a split part lies in its file, and a bundle's parts.</summary>
    private static void WriteClassification(TextWriter writer, DocumentRecord document)
    {
        if (document.Classification is { } classification)
        {
            var issue = classification.Issue is null ? "" : "  " + Commands.SafeText.Escape(classification.Issue);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  classified as {Commands.SafeText.Escape(classification.Label)} ({classification.Confidence:F2}, page {classification.Page}){issue}"));
        }

        if (document.SplitFrom is { } split)
        {
            writer.WriteLine($"  source pages {split.FirstPage}-{split.LastPage} of {split.SourceDocumentId}");
        }

        foreach (var part in document.Parts)
        {
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  part pages {part.FirstPage}-{part.LastPage}  {part.Schema.Name} ({part.Confidence:F2})  {part.Status.ToString().ToLowerInvariant()}{(part.NeedsReview ? "  needs review" : "")}  id {part.DocumentId}"));
        }
    }
}
