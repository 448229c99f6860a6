using System.Globalization;
using FastVlm.DocPipeline.Cli.Plots;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Cli.Evaluate;

/// <summary>
/// Per-field accuracy of an evaluation (<c>docpipe eval --plot</c>): one bar per scored field in schema order,
/// labelled with correct/scored documents; the dashed line is the overall accuracy.
/// </summary>
internal static class AccuracyPlot
{
    public const double Left = 240;
    public const double Top = 50;
    public const double PlotWidth = 400;
    public const double BarHeight = 18;
    public const double BarGap = 8;
    public const double Width = 760;

    /// <summary>Horizontal position of an accuracy.</summary>
    public static double X(double accuracy) => Left + (Math.Clamp(accuracy, 0, 1) * PlotWidth);

    /// <summary>Top edge of the bar of the field at <paramref name="index"/>.</summary>
    public static double BarTop(int index) => Top + (index * (BarHeight + BarGap));

    public static string Draw(EvaluationReport report)
    {
        var bottom = BarTop(report.Fields.Count);
        var svg = new SvgWriter(Width, bottom + 70, $"Per-field accuracy: schema {report.Schema} {report.SchemaVersion}, {report.Documents.Count} documents");
        svg.Text(16, 24, string.Create(CultureInfo.InvariantCulture,
            $"Accuracy per field: {report.Schema} {report.SchemaVersion} ({report.Documents.Count} documents, {report.Correct}/{report.Count} fields correct)"), size: 14);

        for (var tick = 0; tick <= 4; tick++)
        {
            var value = tick / 4.0;
            svg.Line(X(value), Top - 6, X(value), bottom, "#dddddd", cssClass: "grid");
            svg.Line(X(value), bottom, X(value), bottom + 5, "#333333", cssClass: "x-tick");
            svg.Text(X(value), bottom + 18, PlotText.Percent(value, 0), anchor: "middle", size: 11);
        }

        svg.Line(Left, bottom, Left + PlotWidth, bottom, "#333333");
        svg.Line(Left, Top - 6, Left, bottom, "#333333");
        svg.Text(X(0.5), bottom + 38, "accuracy (share of documents whose value matches the truth)", anchor: "middle");

        for (var i = 0; i < report.Fields.Count; i++)
        {
            var field = report.Fields[i];
            var y = BarTop(i);
            var label = string.Create(CultureInfo.InvariantCulture, $"{(field.Accuracy is { } a ? PlotText.Percent(a) : "n/a")} ({field.Correct}/{field.Count})");
            svg.Text(Left - 8, y + 13, PlotText.Shorten(field.Field, 34), anchor: "end", size: 12, cssClass: "field");
            svg.Rect(Left, y, X(field.Accuracy ?? 0) - Left, BarHeight, Palette.Of(0),
                $"{field.Field} ({field.Type}): {label}",
                [("data-field", field.Field), ("data-count", field.Count.ToString(CultureInfo.InvariantCulture))], cssClass: "bar");
            svg.Text(X(field.Accuracy ?? 0) + 6, y + 13, label, size: 11, cssClass: "value");
        }

        if (report.Accuracy is { } overall)
        {
            svg.Line(X(overall), Top - 10, X(overall), bottom, Palette.Of(3), 1.5, dash: "5 3", cssClass: "overall");
            svg.Text(X(overall), Top - 14, string.Create(CultureInfo.InvariantCulture, $"overall {PlotText.Percent(overall)}"), anchor: "middle", size: 11, cssClass: "legend");
        }
        else
        {
            svg.Text(X(0.5), Top + 20, "nothing was scored", anchor: "middle", size: 14);
        }

        return svg.ToString();
    }
}
