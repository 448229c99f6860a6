using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>Writes small PDFs object by object (with a correct xref) for shapes PDFsharp will not produce.</summary>
internal static class HandMadePdf
{
    /// <param name="objects">Bodies of objects 1..n; object 1 is the catalog.</param>
    public static byte[] Build(IReadOnlyList<string> objects)
    {
        var builder = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new long[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = Encoding.Latin1.GetByteCount(builder.ToString());
            builder.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(builder.ToString());
        builder.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        builder.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(builder.ToString());
    }

    /// <summary>A document whose page tree holds <paramref name="pages"/> empty Letter pages.</summary>
    public static byte[] ManyPages(int pages)
    {
        var objects = new List<string>(pages + 2)
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Count {pages} /Kids [{string.Join(' ', Enumerable.Range(3, pages).Select(n => $"{n} 0 R"))}] >>",
        };
        for (var i = 0; i < pages; i++)
        {
            objects.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
        }

        return Build(objects);
    }

    /// <summary>
    /// A 400 x 300 pt page whose crop box starts at (100, 50), with two lines of Helvetica text ("Top left words",
    /// "Bottom right") and the given /Rotate.
    /// </summary>
    public static byte[] TextPage(int rotation)
    {
        const string content = "BT /F1 18 Tf 120 300 Td (Top left words) Tj ET BT /F1 12 Tf 330 80 Td (Bottom right) Tj ET";
        return Build(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 500] /CropBox [100 50 500 350] /Rotate {rotation} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]);
    }

    public static byte[] ZeroPages() => Build(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 0 /Kids [] >>"]);

    /// <summary>One page with a filled rectangle in the given colour (0–1 components) over its left half.</summary>
    public static byte[] HalfFilledPage(double widthPt, double heightPt, (double R, double G, double B) colour)
    {
        var content = string.Create(CultureInfo.InvariantCulture, $"{colour.R} {colour.G} {colour.B} rg 0 0 {widthPt / 2} {heightPt} re f");
        return Build(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {widthPt} {heightPt}] /Contents 4 0 R >>"),
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ]);
    }
}
