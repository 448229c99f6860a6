using FastVlm.DocPipeline.Cli.Plots;

namespace FastVlm.DocPipeline.Tests.Cli.Plots;

/// <summary>The SVG writer's escaping: whatever a field is called, the image stays well-formed XML with that text in it.</summary>
public sealed class SvgWriterTests
{
    [Theory]
    [InlineData("a & b < c > d \" e ' f", "a & b < c > d \" e ' f")]
    [InlineData("tab\tnew\nline\r", "tab new line ")]
    [InlineData("nul\u0000bell\u0007", "nul\uFFFDbell\uFFFD")]
    [InlineData("emoji \U0001F600 stays", "emoji \U0001F600 stays")]
    [InlineData("]]></text><script>x</script>", "]]></text><script>x</script>")]
    public void Text_and_attributes_round_trip_through_an_xml_parser(string text, string expected) => RoundTrips(text, expected);

    [Fact]
    public void Lone_surrogates_and_non_characters_are_replaced()
    {
        // Built at run time: attribute arguments cannot carry lone surrogates.
        var text = string.Concat("lone ", ((char)0xD800).ToString(), " surrogate ", ((char)0xDC00).ToString(), " and ", ((char)0xFFFE).ToString());
        RoundTrips(text, "lone \uFFFD surrogate \uFFFD and \uFFFD");
    }

    private static void RoundTrips(string text, string expected)
    {
        var svg = new SvgWriter(100, 50, text);
        svg.Text(10, 20, text, cssClass: "t");
        svg.Rect(0, 0, 10, 10, "red", tooltip: text, data: [("data-field", text)], cssClass: "r");

        var document = SvgAssert.Parse(svg.ToString());

        document.Root!.Element(SvgAssert.Svg + "title")!.Value.Should().Be(expected);
        SvgAssert.OfClass(document, "text", "t").Single().Value.Should().Be(expected);
        var rect = SvgAssert.OfClass(document, "rect", "r").Single();
        rect.Attribute("data-field")!.Value.Should().Be(expected);
        rect.Element(SvgAssert.Svg + "title")!.Value.Should().Be(expected);
        document.Root.Attribute("viewBox")!.Value.Should().Be("0 0 100 50");
    }

    [Fact]
    public void Numbers_are_invariant_with_at_most_two_decimals()
    {
        SvgWriter.Number(1234.5678).Should().Be("1234.57");
        SvgWriter.Number(-0.001).Should().Be("0");
        SvgWriter.Number(42).Should().Be("42");
    }
}
