using System.Globalization;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Calibration;

namespace FastVlm.DocPipeline.Cli.Calibrate;

/// <summary>The calibration report as a text table (thresholds, then the reliability table) or as JSON.</summary>
internal static class CalibrationPrinter
{
    public static string ToJson(CalibrationReport report) => JsonSerializer.Serialize(report, ResultJson.Indented);

    public static void WriteText(TextWriter writer, CalibrationReport report)
    {
        var rows = report.Fields.Append(report.Overall).ToList();
        writer.WriteLine(Invariant($"Calibration of schema '{report.Schema}' from {report.Documents} reviewed documents (target precision {report.TargetPrecision:0.###}, at least {report.MinSupport} answers above a threshold)."));
        if (report.Overall.Reviewed == 0)
        {
            writer.WriteLine("No reviewed fields yet: review documents with `docpipe review`, then calibrate again.");
            return;
        }

        var width = Math.Max(5, rows.Max(r => r.Field.Length));
        writer.WriteLine();
        writer.WriteLine($"{"field".PadRight(width)}  reviewed    kept  threshold now  suggested  precision  auto-accept");
        foreach (var row in rows)
        {
            writer.WriteLine(Invariant(
                $"{Name(row).PadRight(width)}  {row.Reviewed,8}  {Percent(row.KeptRate),6}  {row.CurrentThreshold,13:0.000}  {Threshold(row),9}  {Percent(row.PrecisionAtThreshold),9}  {Percent(row.AutoAcceptRate),11}"));
        }

        writer.WriteLine();
        writer.WriteLine("Reliability: observed accuracy (answers kept) by confidence bucket, with the number of answers.");
        var cells = rows.Select(r => r.Reliability.Select(Cell).ToList()).ToList();
        var columnWidth = Math.Max(12, cells.SelectMany(c => c).Max(c => c.Length));
        writer.WriteLine("confidence  " + string.Join("  ", rows.Select(r => Name(r).PadLeft(columnWidth))));
        for (var b = report.Overall.Reliability.Count - 1; b >= 0; b--)
        {
            var bucket = report.Overall.Reliability[b];
            writer.WriteLine(Invariant($"{bucket.From:0.00}-{bucket.To:0.00}   ") + string.Join("  ", cells.Select(c => c[b].PadLeft(columnWidth))));
        }

        var uncalibrated = report.Fields.Where(f => f.Threshold is null).Select(f => f.Field).ToList();
        if (uncalibrated.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"No threshold reaches the target for: {string.Join(", ", uncalibrated)} (too few reviewed answers, or too many changed at every confidence). Their answers keep needing review.");
        }
    }

    private static string Name(FieldCalibration row) => row.Field == ReviewCalibrator.AllFields ? "(all)" : row.Field;

    private static string Cell(ReliabilityBucket bucket) =>
        bucket.Count == 0 ? "-" : Invariant($"{Percent(bucket.Accuracy)} ({bucket.Count})");

    private static string Threshold(FieldCalibration row) => row.Threshold is { } t ? t.ToString("0.000", CultureInfo.InvariantCulture) : "none";

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
