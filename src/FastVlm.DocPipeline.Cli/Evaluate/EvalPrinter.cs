using System.Globalization;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Cli.Evaluate;

/// <summary>Writes an <see cref="EvaluationReport"/> as a plain table or as JSON.</summary>
internal static class EvalPrinter
{
    public static string ToJson(EvaluationReport report) => JsonSerializer.Serialize(report, ResultJson.Indented);

    public static void WriteTable(TextWriter writer, EvaluationReport report)
    {
        var width = Math.Max("field".Length, report.Fields.Select(f => f.Field.Length).DefaultIfEmpty(0).Max());
        writer.WriteLine(Row(width, "field", "type", "accuracy", "n", "precision", "recall"));
        foreach (var field in report.Fields)
        {
            writer.WriteLine(Row(
                width,
                field.Field,
                field.Type.ToString().ToLowerInvariant(),
                Percent(field.Accuracy),
                field.Count.ToString(CultureInfo.InvariantCulture),
                field.Precision is { } p ? Percent(p) : "",
                field.Recall is { } r ? Percent(r) : ""));
        }

        foreach (var table in report.Fields.Where(f => f.Columns is not null))
        {
            var rows = report.Documents.SelectMany(d => d.Fields).Where(f => f.Field == table.Field && f.Table is not null).Select(f => f.Table!).ToArray();
            writer.WriteLine(Invariant(
                $"{table.Field} rows: {rows.Sum(r => r.CorrectRows)} right of {rows.Sum(r => r.ExpectedRows)} expected and {rows.Sum(r => r.ExtractedRows)} extracted; by column: {string.Join(", ", table.Columns!.Select(c => $"{c.Column} {Percent(c.Accuracy)}"))}"));
        }

        writer.WriteLine(Invariant($"overall: {report.Correct}/{report.Count} fields correct ({Percent(report.Accuracy)}) over {report.Documents.Count} document(s), schema {report.Schema} v{report.SchemaVersion}"));
        var calibration = report.Calibration;
        writer.WriteLine(Invariant(
            $"calibration (review threshold {calibration.Threshold}): confidence >= threshold {calibration.AtOrAbove.Correct}/{calibration.AtOrAbove.Count} correct ({Percent(calibration.AtOrAbove.Accuracy)}); below {calibration.Below.Correct}/{calibration.Below.Count} ({Percent(calibration.Below.Accuracy)})"));
        var skipped = report.Documents.SelectMany(d => d.SkippedTruthFields).Where(s => s.Reason == SkippedTruthField.NotInSchema)
            .Select(s => s.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (skipped.Count > 0)
        {
            writer.WriteLine($"truth fields not in the schema (skipped): {string.Join(", ", skipped)}");
        }
    }

    private static string Row(int width, string field, string type, string accuracy, string n, string precision, string recall) =>
        $"{field.PadRight(width)}  {type,-8}  {accuracy,8}  {n,3}  {precision,9}  {recall,6}".TrimEnd();

    private static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
