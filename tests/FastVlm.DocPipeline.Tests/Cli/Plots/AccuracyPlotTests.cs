using FastVlm.DocPipeline.Cli.Evaluate;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Tests.Cli.Plots;

/// <summary>The per-field accuracy chart of <c>docpipe eval --plot</c>, drawn from a report built by hand.</summary>
public sealed class AccuracyPlotTests
{
    private const string Hostile = "]]><svg onload=alert(1)>&amp;";

    private static readonly EvaluationReport Report = new()
    {
        Schema = "invoice",
        SchemaVersion = "1",
        Documents =
        [
            new DocumentEvaluation { Name = "a.pdf", DocumentId = "a", Fields = [] },
        ],
        Fields =
        [
            Field("total", count: 8, correct: 6),
            Field("vendorName", count: 4, correct: 4),
            Field(Hostile, count: 2, correct: 0),
        ],
        Calibration = new CalibrationView(0.8, new CalibrationBucket(0, 0), new CalibrationBucket(0, 0)),
    };

    [Fact]
    public void Each_field_is_one_bar_as_long_as_its_accuracy_in_schema_order()
    {
        var svg = SvgAssert.Parse(AccuracyPlot.Draw(Report));

        var bars = SvgAssert.OfClass(svg, "rect", "bar")
            .Select(b => ((string)b.Attribute("data-field")!, SvgAssert.Number(b, "x"), SvgAssert.Number(b, "y"), SvgAssert.Number(b, "width"), SvgAssert.Number(b, "height")))
            .ToArray();

        // x = 240, width = accuracy * 400, y = 50 + index * (18 + 8).
        bars.Should().Equal(
            ("total", 240, 50, 300, 18),
            ("vendorName", 240, 76, 400, 18),
            (Hostile, 240, 102, 0, 18));
        SvgAssert.OfClass(svg, "text", "value").Select(t => t.Value).Should().Equal("75.0% (6/8)", "100.0% (4/4)", "0.0% (0/2)");
        SvgAssert.OfClass(svg, "text", "field").Select(t => t.Value).Should().Equal("total", "vendorName", Hostile);
        SvgAssert.OfClass(svg, "line", "x-tick").Select(t => SvgAssert.Number(t, "x1")).Should().Equal(240, 340, 440, 540, 640);
    }

    [Fact]
    public void Hostile_field_names_are_escaped_and_nothing_scored_is_said()
    {
        var text = AccuracyPlot.Draw(Report);

        text.Should().NotContain("<svg onload").And.Contain("]]&gt;&lt;svg onload=alert(1)&gt;&amp;amp;");
        var svg = SvgAssert.Parse(text);
        svg.Root!.Descendants(SvgAssert.Svg + "svg").Should().BeEmpty("the only svg element is the root");
        svg.Descendants(SvgAssert.Svg + "text").Select(t => t.Value).Should().Contain("nothing was scored");
        SvgAssert.OfClass(svg, "line", "overall").Should().BeEmpty();
    }

    private static FieldAccuracy Field(string name, int count, int correct) =>
        new() { Field = name, Type = FieldType.String, Count = count, Correct = correct };
}
