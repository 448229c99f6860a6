using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Cli.Plots;

/// <summary>
/// A standalone SVG image in a fixed coordinate system (<c>viewBox="0 0 width height"</c>), written element by
/// element. All text and attribute values are escaped; characters XML cannot carry are replaced.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _body = new();

    public SvgWriter(double width, double height, string title)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Title = title;
    }

    public double Width { get; }

    public double Height { get; }

    public string Title { get; }

    /// <summary>A number as SVG writes it: invariant culture, at most two decimals.</summary>
    public static string Number(double value)
    {
        var rounded = Math.Round(value, 2);
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null, string? cssClass = null) =>
        Element("line", [("class", cssClass), ("x1", Number(x1)), ("y1", Number(y1)), ("x2", Number(x2)), ("y2", Number(y2)),
            ("stroke", stroke), ("stroke-width", Number(strokeWidth)), ("stroke-dasharray", dash)]);

    public void Rect(double x, double y, double width, double height, string fill, string? tooltip = null, IReadOnlyList<(string Name, string? Value)>? data = null, string? cssClass = null) =>
        Element("rect", [("class", cssClass), ("x", Number(x)), ("y", Number(y)), ("width", Number(Math.Max(0, width))), ("height", Number(Math.Max(0, height))), ("fill", fill), .. data ?? []], tooltip);

    public void Circle(double cx, double cy, double r, string fill, string? tooltip = null, IReadOnlyList<(string Name, string? Value)>? data = null, string? cssClass = null) =>
        Element("circle", [("class", cssClass), ("cx", Number(cx)), ("cy", Number(cy)), ("r", Number(r)), ("fill", fill), ("fill-opacity", "0.8"), .. data ?? []], tooltip);

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, string? cssClass = null) =>
        Element("polyline", [("class", cssClass), ("points", string.Join(' ', points.Select(p => $"{Number(p.X)},{Number(p.Y)}"))),
            ("fill", "none"), ("stroke", stroke), ("stroke-width", "1.5")]);

    /// <summary>Text at (<paramref name="x"/>, <paramref name="y"/>); <paramref name="anchor"/> is start, middle or end.</summary>
    public void Text(double x, double y, string text, string anchor = "start", double size = 12, string? cssClass = null, double rotate = 0)
    {
        _body.Append("  <text");
        Attributes([("class", cssClass), ("x", Number(x)), ("y", Number(y)), ("font-size", Number(size)), ("text-anchor", anchor),
            ("transform", rotate == 0 ? null : $"rotate({Number(rotate)} {Number(x)} {Number(y)})")]);
        _body.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    public override string ToString()
    {
        var svg = new StringBuilder();
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Number(Width)} {Number(Height)}\" width=\"{Number(Width)}\" height=\"{Number(Height)}\" font-family=\"sans-serif\">\n");
        svg.Append("  <title>").Append(Escape(Title)).Append("</title>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"0\" y=\"0\" width=\"{Number(Width)}\" height=\"{Number(Height)}\" fill=\"white\"/>\n");
        svg.Append(_body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary><paramref name="text"/> safe as XML character data or a quoted attribute value.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                case '\t' or '\n' or '\r': escaped.Append(' '); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else if (c < ' ' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        escaped.Append('\uFFFD');
                    }
                    else
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    private void Element(string name, IReadOnlyList<(string Name, string? Value)> attributes, string? tooltip = null)
    {
        _body.Append("  <").Append(name);
        Attributes(attributes);
        if (tooltip is null)
        {
            _body.Append("/>\n");
            return;
        }

        _body.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(name).Append(">\n");
    }

    private void Attributes(IReadOnlyList<(string Name, string? Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _body.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
            }
        }
    }
}
