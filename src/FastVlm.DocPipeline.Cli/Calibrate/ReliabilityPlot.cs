using System.Globalization;
using FastVlm.DocPipeline.Cli.Plots;
using FastVlm.DocPipeline.Extraction.Calibration;

namespace FastVlm.DocPipeline.Cli.Calibrate;

/// <summary>
/// The reliability diagram of a calibration (<c>docpipe calibrate --plot</c>): per field, each confidence bucket's
/// mean confidence against how often reviewers kept the answer, the circle's area growing with the bucket's
/// reviewed answers; the diagonal is perfect calibration, the grey line all fields together.
/// </summary>
internal static class ReliabilityPlot
{
    public const double Left = 60;
    public const double Top = 40;
    public const double Size = 380;
    public const double Width = 760;
    private const double LegendRow = 18;

    /// <summary>Horizontal position of a confidence.</summary>
    public static double X(double confidence) => Left + (Math.Clamp(confidence, 0, 1) * Size);

    /// <summary>Vertical position of an accuracy (1 at the top).</summary>
    public static double Y(double accuracy) => Top + ((1 - Math.Clamp(accuracy, 0, 1)) * Size);

    /// <summary>Radius of a bucket's circle: its area grows with the bucket's share of the largest bucket.</summary>
    public static double Radius(int count, int largest) => 3 + (7 * Math.Sqrt((double)count / Math.Max(1, largest)));

    public static string Draw(CalibrationReport report)
    {
        var height = Math.Max(Top + Size + 60, Top + 30 + ((report.Fields.Count + 2) * LegendRow));
        var svg = new SvgWriter(Width, height, $"Reliability diagram: schema {report.Schema}, {report.Overall.Reviewed} reviewed answers in {report.Documents} documents");
        svg.Text(Left, 24, $"Reliability: {report.Schema} ({report.Overall.Reviewed} reviewed answers, {report.Documents} documents)", size: 14);
        Axes(svg);
        svg.Line(X(0), Y(0), X(1), Y(1), "#999999", dash: "4 4", cssClass: "diagonal");

        var largest = report.Fields.SelectMany(f => f.Reliability).Select(b => b.Count).DefaultIfEmpty(0).Max();
        Series(svg, report.Overall, "#888888", largest, points: false);
        for (var i = 0; i < report.Fields.Count; i++)
        {
            Series(svg, report.Fields[i], Palette.Of(i), largest, points: true);
        }

        if (largest == 0)
        {
            svg.Text(X(0.5), Y(0.5), "no reviewed answers", anchor: "middle", size: 14);
        }

        Legend(svg, report);
        return svg.ToString();
    }

    private static void Axes(SvgWriter svg)
    {
        svg.Rect(Left, Top, Size, Size, "none", cssClass: "frame");
        svg.Line(Left, Top + Size, Left + Size, Top + Size, "#333333");
        svg.Line(Left, Top, Left, Top + Size, "#333333");
        for (var tick = 0; tick <= 5; tick++)
        {
            var value = tick / 5.0;
            var label = value.ToString("0.0", CultureInfo.InvariantCulture);
            svg.Line(X(value), Top + Size, X(value), Top + Size + 5, "#333333", cssClass: "x-tick");
            svg.Text(X(value), Top + Size + 18, label, anchor: "middle", size: 11);
            svg.Line(Left - 5, Y(value), Left, Y(value), "#333333", cssClass: "y-tick");
            svg.Text(Left - 8, Y(value) + 4, label, anchor: "end", size: 11);
        }

        svg.Text(X(0.5), Top + Size + 38, "model confidence (bucket mean)", anchor: "middle");
        svg.Text(18, Y(0.5), "observed accuracy (share kept by reviewers)", anchor: "middle", rotate: -90);
    }

    private static void Series(SvgWriter svg, FieldCalibration field, string color, int largest, bool points)
    {
        var filled = field.Reliability.Where(b => b.Count > 0).ToArray();
        var positions = filled.Select(b => (X: X(Confidence(b)), Y: Y(b.Accuracy ?? 0))).ToArray();
        if (positions.Length > 1)
        {
            svg.Polyline(positions, color, cssClass: points ? "series" : "overall");
        }

        if (!points)
        {
            return;
        }

        for (var i = 0; i < filled.Length; i++)
        {
            var bucket = filled[i];
            var tooltip = string.Create(CultureInfo.InvariantCulture,
                $"{field.Field}: confidence [{bucket.From:0.##}, {bucket.To:0.##}), {bucket.Kept} of {bucket.Count} kept ({PlotText.Percent(bucket.Accuracy ?? 0, 0)})");
            svg.Circle(positions[i].X, positions[i].Y, Radius(bucket.Count, largest), color, tooltip,
                [("data-field", field.Field), ("data-count", bucket.Count.ToString(CultureInfo.InvariantCulture))], cssClass: "point");
        }
    }

    private static double Confidence(ReliabilityBucket bucket) => bucket.MeanConfidence ?? ((bucket.From + bucket.To) / 2);

    private static void Legend(SvgWriter svg, CalibrationReport report)
    {
        var x = Left + Size + 30;
        var y = Top + 10;
        svg.Text(x, y, "field (reviewed answers)", size: 12);
        for (var i = 0; i < report.Fields.Count; i++)
        {
            y += LegendRow;
            var field = report.Fields[i];
            svg.Rect(x, y - 10, 12, 12, Palette.Of(i), cssClass: "swatch");
            svg.Text(x + 18, y, string.Create(CultureInfo.InvariantCulture, $"{PlotText.Shorten(field.Field, 32)} (n={field.Reviewed})"), size: 12, cssClass: "legend");
        }

        y += LegendRow;
        svg.Line(x, y - 4, x + 12, y - 4, "#888888", 2);
        svg.Text(x + 18, y, string.Create(CultureInfo.InvariantCulture, $"all fields (n={report.Overall.Reviewed})"), size: 12, cssClass: "legend");
        y += LegendRow;
        svg.Line(x, y - 4, x + 12, y - 4, "#999999", dash: "4 4");
        svg.Text(x + 18, y, "perfect calibration", size: 12);
    }
}
