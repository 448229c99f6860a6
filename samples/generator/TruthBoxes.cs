using System.Globalization;
using PdfSharp.Drawing;

namespace FastVlm.DocPipeline.Samples;

/// <summary>
/// Where the generator drew each truth value: boxes in PDF points, origin at the top-left of the page as displayed
/// (after /Rotate), with each page's displayed size, so a test can scale them to any rendered image. Horizontally a
/// box spans the string's advance width; vertically the font's ascent above the baseline to its descent below.
/// </summary>
public sealed class TruthBoxes
{
    private readonly List<double[]> _pages = [];
    private readonly List<DrawnValue> _values = [];

    public int PageCount => _pages.Count;

    public void StartPage(double width, double height) => _pages.Add([Math.Round(width, 2), Math.Round(height, 2)]);

    /// <summary>Records <paramref name="text"/> drawn with its baseline starting at (<paramref name="x"/>, <paramref name="baseline"/>).</summary>
    public void AtBaseline(string key, XGraphics gfx, string text, XFont font, double x, double baseline) =>
        Add(key, text, Box(gfx, text, font, x, baseline));

    /// <summary>Records the part <paramref name="part"/> of a string drawn at a baseline (a value inside a longer line).</summary>
    public void PartAtBaseline(string key, XGraphics gfx, string line, string part, XFont font, double x, double baseline)
    {
        var offset = line.IndexOf(part, StringComparison.Ordinal);
        if (offset < 0)
        {
            throw new ArgumentException($"'{part}' is not in '{line}'.", nameof(part));
        }

        var before = offset == 0 ? 0 : gfx.MeasureString(line[..offset], font).Width;
        Add(key, part, Box(gfx, part, font, x + before, baseline));
    }

    /// <summary>Records a string drawn into <paramref name="rect"/> with a top-left, top-centre or top-right format.</summary>
    public void InRect(string key, XGraphics gfx, string text, XFont font, XRect rect, XStringFormat format)
    {
        var width = gfx.MeasureString(text, font).Width;
        var x = format.Alignment switch
        {
            XStringAlignment.Far => rect.Right - width,
            XStringAlignment.Center => rect.X + (rect.Width - width) / 2,
            _ => rect.X,
        };
        Add(key, text, Box(gfx, text, font, x, rect.Y + TopToBaseline(font)));
    }

    /// <summary>Records a value whose place is a rectangle (a form field the viewer fills in).</summary>
    public void Area(string key, string text, XRect rect) => Add(key, text, rect);

    public Dictionary<string, object> ToJson() => new()
    {
        ["unit"] = "pt, origin top-left of the displayed page",
        ["pages"] = _pages,
        ["values"] = _values.Select(v => new Dictionary<string, object>
        {
            ["key"] = v.Key,
            ["text"] = v.Text,
            ["page"] = v.Page,
            ["boxes"] = v.Boxes,
        }).ToList(),
    };

    /// <summary>PDFsharp's top alignment puts the baseline one cell ascent (scaled to the line spacing) below the top.</summary>
    private static double TopToBaseline(XFont font) => font.GetHeight() * font.CellAscent / font.CellSpace;

    private static XRect Box(XGraphics gfx, string text, XFont font, double x, double baseline)
    {
        var width = gfx.MeasureString(text, font).Width;
        var metrics = font.Metrics;
        var ascent = Math.Abs(metrics.Ascent) * font.Size / metrics.UnitsPerEm;
        var descent = Math.Abs(metrics.Descent) * font.Size / metrics.UnitsPerEm;
        return new XRect(x, baseline - ascent, width, ascent + descent);
    }

    private void Add(string key, string text, XRect box)
    {
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException("StartPage first.");
        }

        var coordinates = new[] { box.Left, box.Top, box.Right, box.Bottom }.Select(v => Math.Round(v, 2)).ToArray();
        var existing = _values.FirstOrDefault(v => v.Key == key && v.Page == _pages.Count);
        if (existing is not null)
        {
            existing.Boxes.Add(coordinates);
            existing.Text += "\n" + text;
            return;
        }

        _values.Add(new DrawnValue(key, _pages.Count) { Text = text, Boxes = [coordinates] });
    }

    private sealed record DrawnValue(string Key, int Page)
    {
        public required string Text { get; set; }

        public required List<double[]> Boxes { get; init; }
    }
}
