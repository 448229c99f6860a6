using PdfSharp.Drawing;
using SkiaSharp;

namespace FastVlm.DocPipeline.Samples;

/// <summary>An image-only page: an invoice "scanned" at 150 dpi (grey paper, noise, a slight skew), no text layer.</summary>
public static class ScannedSample
{
    public static Sample Create()
    {
        var jpeg = RenderScan();
        var pdf = SampleSet.Pdf(document =>
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageSizeSpec.A4.Width);
            page.Height = XUnit.FromPoint(PageSizeSpec.A4.Height);
            using var gfx = XGraphics.FromPdfPage(page);
            using var image = XImage.FromStream(new MemoryStream(jpeg));
            gfx.DrawImage(image, 0, 0, page.Width.Point, page.Height.Point);
        });
        return new Sample("scanned-invoice", pdf, new Dictionary<string, object>
        {
            ["vendor"] = "Proseware Printing Co.",
            ["invoiceNumber"] = "PP-40917",
            ["invoiceDate"] = "2024-04-03",
            ["dueDate"] = "2024-05-03",
            ["currency"] = "USD",
            ["subtotal"] = "1180.00",
            ["tax"] = "97.35",
            ["total"] = "1277.35",
            ["hasTextLayer"] = false,
        });
    }

    public static byte[] RenderScan()
    {
        const int width = 1240, height = 1754;
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(238, 236, 230));
        canvas.RotateDegrees(0.8f, width / 2f, height / 2f);
        using var regular = SampleSet.Typeface();
        using var bold = SampleSet.Typeface(bold: true);
        using var ink = new SKPaint { Color = new SKColor(35, 35, 40), IsAntialias = true };

        void Text(string text, float x, float y, float size, bool strong = false)
        {
            using var font = new SKFont(strong ? bold : regular, size);
            canvas.DrawText(text, x, y, font, ink);
        }

        Text("Proseware Printing Co.", 110, 180, 46, strong: true);
        Text("218 Harbor Way, Portland, OR 97209", 110, 225, 24);
        Text("INVOICE", 880, 180, 44, strong: true);
        Text("Invoice #: PP-40917", 800, 260, 25);
        Text("Date: 04/03/2024", 800, 295, 25);
        Text("Due: 05/03/2024", 800, 330, 25);
        Text("Bill to: Contoso Ltd., 1 Market Street, London", 110, 420, 25);
        var y = 540f;
        Text("Description", 110, y, 25, strong: true);
        Text("Amount", 960, y, 25, strong: true);
        foreach (var (line, amount) in new[] { ("Brochure print run, 2,000 copies", "840.00"), ("Design proofing (4 h)", "240.00"), ("Courier delivery", "100.00") })
        {
            y += 50;
            Text(line, 110, y, 25);
            Text(amount, 960, y, 25);
        }

        y += 90;
        Text("Subtotal   USD 1,180.00", 700, y, 26);
        Text("Sales tax 8.25%   USD 97.35", 700, y + 45, 26);
        Text("TOTAL   USD 1,277.35", 700, y + 100, 30, strong: true);

        using var snapshot = surface.Snapshot();
        using var bitmap = SKBitmap.FromImage(snapshot);
        var random = new Random(4217);
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var noise = random.Next(-14, 15);
            var grey = (pixels[i] * 30 + pixels[i + 1] * 59 + pixels[i + 2] * 11) / 100 + noise;
            var v = (byte)Math.Clamp(grey, 0, 255);
            pixels[i] = pixels[i + 1] = pixels[i + 2] = v;
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 70);
        return data.ToArray();
    }
}
