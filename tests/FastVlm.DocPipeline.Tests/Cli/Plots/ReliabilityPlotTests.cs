using FastVlm.DocPipeline.Cli.Calibrate;
using FastVlm.DocPipeline.Extraction.Calibration;

namespace FastVlm.DocPipeline.Tests.Cli.Plots;

/// <summary>The reliability diagram of <c>docpipe calibrate --plot</c>, drawn from a report built by hand.</summary>
public sealed class ReliabilityPlotTests
{
    private const string Hostile = "<script>alert('x')</script> & \"q\" \u0001";

    private static readonly CalibrationReport Report = new()
    {
        Schema = "invoice",
        TargetPrecision = 0.99,
        MinSupport = 20,
        Documents = 30,
        Fields =
        [
            Field("total", new ReliabilityBucket(0.0, 0.1, 0, 0, null), new ReliabilityBucket(0.8, 0.9, 10, 5, 0.85), new ReliabilityBucket(0.9, 1.0, 20, 19, 0.95)),
            Field(Hostile, new ReliabilityBucket(0.5, 0.6, 4, 2, null)),
        ],
        Overall = Field("*", new ReliabilityBucket(0.5, 0.6, 4, 2, 0.55), new ReliabilityBucket(0.8, 0.9, 10, 5, 0.85), new ReliabilityBucket(0.9, 1.0, 20, 19, 0.95)),
    };

    [Fact]
    public void Each_non_empty_bucket_is_one_point_at_its_mean_confidence_and_kept_rate()
    {
        var svg = SvgAssert.Parse(ReliabilityPlot.Draw(Report));

        var points = SvgAssert.OfClass(svg, "circle", "point")
            .Select(p => ((string)p.Attribute("data-field")!, (int)p.Attribute("data-count")!, SvgAssert.Number(p, "cx"), SvgAssert.Number(p, "cy"), SvgAssert.Number(p, "r")))
            .ToArray();

        // x = 60 + confidence * 380, y = 40 + (1 - kept rate) * 380, r = 3 + 7 * sqrt(count / 20).
        points.Should().Equal(
            ("total", 10, 383, 230, 7.95),
            ("total", 20, 421, 59, 10),
            (Hostile.Replace("\u0001", "\uFFFD", StringComparison.Ordinal), 4, 269, 230, 6.13));
        SvgAssert.OfClass(svg, "polyline", "series").Should().ContainSingle("one line per field with two or more points");
        SvgAssert.OfClass(svg, "polyline", "overall").Should().ContainSingle();
        var diagonal = SvgAssert.OfClass(svg, "line", "diagonal").Single();
        (SvgAssert.Number(diagonal, "x1"), SvgAssert.Number(diagonal, "y1"), SvgAssert.Number(diagonal, "x2"), SvgAssert.Number(diagonal, "y2")).Should().Be((60, 420, 440, 40));
    }

    [Fact]
    public void Axes_have_ticks_and_the_legend_names_every_field_with_its_support()
    {
        var svg = SvgAssert.Parse(ReliabilityPlot.Draw(Report));

        SvgAssert.OfClass(svg, "line", "x-tick").Select(t => SvgAssert.Number(t, "x1")).Should().Equal(60, 136, 212, 288, 364, 440);
        SvgAssert.OfClass(svg, "line", "y-tick").Select(t => SvgAssert.Number(t, "y1")).Should().Equal(420, 344, 268, 192, 116, 40);
        SvgAssert.OfClass(svg, "text", "legend").Select(t => t.Value).Should().Equal(
            "total (n=30)", "<script>alert('x')</script> & \"… (n=30)", "all fields (n=30)");
    }

    [Fact]
    public void Hostile_field_names_are_escaped_not_markup()
    {
        var text = ReliabilityPlot.Draw(Report);

        text.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;");
        var svg = SvgAssert.Parse(text);
        svg.Descendants().Select(e => e.Name.LocalName).Distinct().Should().BeSubsetOf(["svg", "title", "rect", "line", "polyline", "circle", "text"]);
    }

    [Fact]
    public void A_report_without_reviews_is_still_a_diagram()
    {
        var empty = Report with { Fields = [], Overall = Field("*"), Documents = 0 };

        var svg = SvgAssert.Parse(ReliabilityPlot.Draw(empty));

        SvgAssert.OfClass(svg, "circle", "point").Should().BeEmpty();
        svg.Descendants(SvgAssert.Svg + "text").Select(t => t.Value).Should().Contain("no reviewed answers");
    }

    private static FieldCalibration Field(string name, params ReliabilityBucket[] buckets) => new()
    {
        Field = name,
        Reviewed = 30,
        Kept = 26,
        Reliability = buckets,
        CurrentThreshold = 0.8,
    };
}
