using System.Globalization;
using System.Xml.Linq;

namespace FastVlm.DocPipeline.Tests.Cli.Plots;

/// <summary>An SVG produced by the plots, parsed with System.Xml; elements picked by their class.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg)
    {
        var document = XDocument.Parse(svg);
        document.Root!.Name.Should().Be(Svg + "svg");
        document.Root.Attribute("viewBox")!.Value.Should().MatchRegex(@"^0 0 \d+(\.\d+)? \d+(\.\d+)?$");
        return document;
    }

    public static XElement[] OfClass(XDocument document, string name, string cssClass) =>
        document.Descendants(Svg + name).Where(e => (string?)e.Attribute("class") == cssClass).ToArray();

    public static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
