using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SkiaSharp;

namespace FastVlm.DocPipeline.Samples;

/// <summary>The sample documents with their ground truth. Everything is fixed (dates, seeds, IDs): re-running gives the same files.</summary>
public static class SampleSet
{
    public static readonly DateTime FixedTimestamp = new(2024, 6, 1, 9, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<Sample> All() =>
    [
        Invoice(),
        MultiPageInvoice(),
        Receipt(),
        Form(),
        Scanned(),
        Landscape(),
        Rotated(),
        BundleSample.Create(),
    ];

    public static Sample Invoice()
    {
        var invoice = new InvoiceData(
            "Northwind Office Supply GmbH",
            ["Hafenstrasse 12", "20457 Hamburg, Germany", "VAT ID DE 811 203 456"],
            "Contoso Ltd.",
            ["Attn: Accounts Payable", "1 Market Street", "London EC2V 6DN, United Kingdom"],
            "INV-2024-00317",
            new DateOnly(2024, 3, 14),
            new DateOnly(2024, 4, 13),
            "EUR",
            0.19m,
            [
                new LineItem("Ergonomic office chair, black mesh", 4, 289.00m),
                new LineItem("Height-adjustable desk 160x80 cm", 2, 649.50m),
                new LineItem("Monitor arm, dual, gas spring", 4, 84.90m),
                new LineItem("Copy paper A4 80 g, box of 5 reams", 10, 23.75m),
                new LineItem("Delivery and assembly", 1, 120.00m),
            ],
            "PO-55021");
        var boxes = new TruthBoxes();
        var pdf = Pdf(d => InvoiceRenderer.Render(d, invoice, PageSizeSpec.A4, boxes));
        return new Sample("invoice-simple", pdf, WithBoxes(invoice.Truth(), boxes));
    }

    public static Sample MultiPageInvoice()
    {
        var parts = new[]
        {
            ("Hex bolt M8x40 zinc, pack of 100", 12.40m), ("Hex nut M8 zinc, pack of 200", 7.95m), ("Washer 8.4 mm, pack of 500", 6.10m),
            ("Bearing 6204-2RS", 3.85m), ("V-belt A-38", 9.60m), ("Hydraulic hose 1/2in, per metre", 14.25m),
            ("Pressure gauge 0-16 bar", 27.80m), ("Ball valve 3/4in brass", 18.90m), ("Cable ties 300 mm, pack of 100", 4.35m),
            ("Safety gloves size 10, 12 pairs", 31.20m), ("Angle grinder disc 125 mm, 25 pcs", 22.50m), ("Lubricant spray 400 ml", 8.75m),
        };
        var items = new List<LineItem>();
        for (var i = 0; i < 46; i++)
        {
            var (name, price) = parts[i % parts.Length];
            items.Add(new LineItem($"{name} (lot {1001 + i})", 1 + (i * 7 % 9), price));
        }

        var invoice = new InvoiceData(
            "Fabrikam Industrial Parts Inc.",
            ["4400 Commerce Drive, Suite 210", "Columbus, OH 43219, USA", "Tax ID 31-4099587"],
            "Woodgrove Manufacturing LLC",
            ["Receiving Dock B", "800 Riverside Avenue", "Dayton, OH 45402, USA"],
            "FIP-88412",
            new DateOnly(2024, 2, 29),
            new DateOnly(2024, 3, 30),
            "USD",
            0.0725m,
            items,
            "WG-PO-7731");
        var boxes = new TruthBoxes();
        var pdf = Pdf(d => InvoiceRenderer.Render(d, invoice, PageSizeSpec.Letter, boxes));
        return new Sample("invoice-multipage", pdf, WithBoxes(invoice.Truth(), boxes));
    }

    public static Sample Receipt()
    {
        var items = new[] { ("Flat white", 2, 3.60m), ("Almond croissant", 1, 3.20m), ("Sparkling water 0.5 l", 1, 2.40m), ("Banana bread", 1, 2.90m) };
        var subtotal = items.Sum(i => i.Item2 * i.Item3);
        var tax = Math.Round(subtotal * 0.20m / 1.20m, 2);
        var boxes = new TruthBoxes();
        var pdf = Pdf(document =>
        {
            var page = document.AddPage();
            page.Width = XUnit.FromMillimeter(80);
            page.Height = XUnit.FromMillimeter(170);
            boxes.StartPage(page.Width.Point, page.Height.Point);
            using var gfx = XGraphics.FromPdfPage(page);
            var w = page.Width.Point;
            var mono = new XFont("DejaVu Sans Mono", 7.5);
            var monoBold = new XFont("DejaVu Sans Mono", 9, XFontStyleEx.Bold);
            var y = 30.0;
            void Center(string text, XFont font, string? key = null)
            {
                gfx.DrawString(text, font, XBrushes.Black, new XRect(0, y - 8, w, 10), XStringFormats.TopCenter);
                if (key is not null)
                {
                    boxes.InRect(key, gfx, text, font, new XRect(0, y - 8, w, 10), XStringFormats.TopCenter);
                }

                y += 11;
            }

            void Row(string left, string right, XFont font, (string Key, string Part)? leftValue = null, (string Key, string Part)? rightValue = null)
            {
                gfx.DrawString(left, font, XBrushes.Black, 12, y);
                gfx.DrawString(right, font, XBrushes.Black, new XRect(0, y - 8, w - 12, 10), XStringFormats.TopRight);
                if (leftValue is { } l)
                {
                    boxes.PartAtBaseline(l.Key, gfx, left, l.Part, font, 12, y);
                }

                if (rightValue is { } r)
                {
                    var rightX = w - 12 - gfx.MeasureString(right, font).Width;
                    boxes.PartAtBaseline(r.Key, gfx, right, r.Part, font, rightX, y - 8 + TruthBoxesTop(font));
                }

                y += 11;
            }

            Center("BLUE YONDER COFFEE", monoBold, "merchant");
            Center("27 Canal Street, Manchester M1 3HE", mono, "merchantAddress");
            Center("VAT No. GB 284 1190 37", mono);
            y += 6;
            Row("Date: 02/05/2024", "Time: 08:41", mono, ("date", "02/05/2024"), ("time", "08:41"));
            Row("Receipt: 0457-2291", "Till 2", mono, ("receiptNumber", "0457-2291"));
            gfx.DrawLine(new XPen(XColors.Black, 0.5) { DashStyle = XDashStyle.Dash }, 12, y - 4, w - 12, y - 4);
            y += 6;
            foreach (var (name, qty, price) in items)
            {
                Row($"{qty} x {name}", (qty * price).ToString("0.00", CultureInfo.InvariantCulture), mono);
            }

            gfx.DrawLine(new XPen(XColors.Black, 0.5) { DashStyle = XDashStyle.Dash }, 12, y - 4, w - 12, y - 4);
            y += 6;
            var totalText = subtotal.ToString("0.00", CultureInfo.InvariantCulture);
            var taxText = tax.ToString("0.00", CultureInfo.InvariantCulture);
            Row("TOTAL GBP", totalText, monoBold, ("currency", "GBP"), ("total", totalText));
            Row("incl. VAT 20%", taxText, mono, rightValue: ("tax", taxText));
            Row("Card (contactless) ****4417", totalText, mono, ("paymentMethod", "Card"));
            y += 10;
            Center("Thank you - see you tomorrow!", mono);
        });
        return new Sample("receipt", pdf, WithBoxes(new Dictionary<string, object>
        {
            ["merchant"] = "Blue Yonder Coffee",
            ["merchantAddress"] = "27 Canal Street, Manchester M1 3HE",
            ["date"] = "2024-05-02",
            ["time"] = "08:41",
            ["receiptNumber"] = "0457-2291",
            ["currency"] = "GBP",
            ["total"] = Money.Invariant(subtotal),
            ["tax"] = Money.Invariant(tax),
            ["paymentMethod"] = "card",
            ["lineItemCount"] = items.Length,
        }, boxes));
    }

    public static Sample Form() => FormSample.Create();

    public static Sample Scanned() => ScannedSample.Create();

    public static Sample Landscape()
    {
        var rows = new[]
        {
            ("SKU-10482", "Pallet wrap film 500 mm x 300 m", 24, "Aisle 4 / Bay 12", "2024-04-08"),
            ("SKU-22017", "Corrugated box 600x400x400, double wall", 300, "Aisle 7 / Bay 3", "2024-04-08"),
            ("SKU-30155", "Packing tape 48 mm, brown", 144, "Aisle 2 / Bay 9", "2024-04-09"),
            ("SKU-41290", "Label roll 100x150 mm, thermal", 60, "Aisle 2 / Bay 10", "2024-04-09"),
            ("SKU-55002", "Euro pallet 1200x800, heat treated", 40, "Yard B", "2024-04-10"),
        };
        var boxes = new TruthBoxes();
        var pdf = Pdf(document =>
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageSizeSpec.A4.Height);
            page.Height = XUnit.FromPoint(PageSizeSpec.A4.Width);
            boxes.StartPage(page.Width.Point, page.Height.Point);
            using var gfx = XGraphics.FromPdfPage(page);
            DrawManifest(gfx, page.Width.Point, rows, boxes);
        });
        return new Sample("landscape-manifest", pdf, WithBoxes(new Dictionary<string, object>
        {
            ["documentType"] = "shipping manifest",
            ["shipper"] = "Litware Logistics B.V.",
            ["manifestNumber"] = "MF-2024-0415",
            ["shipDate"] = "2024-04-10",
            ["carrier"] = "Tailspin Freight",
            ["totalUnits"] = rows.Sum(r => r.Item3),
            ["lineItemCount"] = rows.Length,
        }, boxes));
    }

    public static Sample Rotated()
    {
        var invoice = new InvoiceData(
            "Adventure Works Cycles Ltd.",
            ["Unit 5, Riverside Trading Estate", "Bristol BS2 0JA, United Kingdom"],
            "Tailwind Traders plc",
            ["Purchasing Department", "90 King's Road", "Reading RG1 3AR, United Kingdom"],
            "AW-2024-1182",
            new DateOnly(2024, 1, 22),
            new DateOnly(2024, 2, 21),
            "GBP",
            0.20m,
            [
                new LineItem("Road bike frame, aluminium, 56 cm", 3, 412.00m),
                new LineItem("Wheelset 700c, disc", 3, 265.50m),
                new LineItem("Hydraulic disc brake set", 3, 139.99m),
            ]);

        // The page is stored in portrait with the content drawn sideways, and /Rotate 90 turns it upright
        // (as scanners and phone apps produce it): a renderer that ignores /Rotate shows sideways text.
        var boxes = new TruthBoxes();
        var pdf = Pdf(document =>
        {
            var scratch = new PdfDocument();
            InvoiceRenderer.Render(scratch, invoice, new PageSizeSpec(PageSizeSpec.A4.Height, PageSizeSpec.A4.Width), boxes);
            using var stream = new MemoryStream();
            scratch.Save(stream);
            stream.Position = 0;
            using var form = XPdfForm.FromStream(stream);

            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageSizeSpec.A4.Width);
            page.Height = XUnit.FromPoint(PageSizeSpec.A4.Height);
            using (var gfx = XGraphics.FromPdfPage(page))
            {
                // Displayed point (u, v) of the landscape page is stored at (v, H - u).
                gfx.MultiplyTransform(new XMatrix(0, -1, 1, 0, 0, page.Height.Point));
                gfx.DrawImage(form, 0, 0, page.Height.Point, page.Width.Point);
            }

            page.Elements.SetInteger("/Rotate", 90);
        });
        var truth = invoice.Truth();
        truth["pageRotation"] = 90;
        return new Sample("rotated-invoice", pdf, WithBoxes(truth, boxes));
    }

    private static void DrawManifest(XGraphics gfx, double width, (string, string, int, string, string)[] rows, TruthBoxes boxes)
    {
        var font = new XFont("DejaVu Sans", 10);
        var bold = new XFont("DejaVu Sans", 10, XFontStyleEx.Bold);
        var titleFont = new XFont("DejaVu Sans", 18, XFontStyleEx.Bold);
        gfx.DrawString("SHIPPING MANIFEST", titleFont, XBrushes.Black, 50, 60);
        boxes.AtBaseline("documentType", gfx, "SHIPPING MANIFEST", titleFont, 50, 60);
        const string shipperLine = "Litware Logistics B.V. - Distributieweg 40, 3199 LC Rotterdam, Netherlands";
        gfx.DrawString(shipperLine, font, XBrushes.DimGray, 50, 80);
        boxes.PartAtBaseline("shipper", gfx, shipperLine, "Litware Logistics B.V.", font, 50, 80);
        var meta = new[] { ("Manifest No.", "MF-2024-0415", "manifestNumber"), ("Ship Date", "10 April 2024", "shipDate"), ("Carrier", "Tailspin Freight", "carrier"), ("Trailer", "NL-TX-448", (string?)null) };
        for (var i = 0; i < meta.Length; i++)
        {
            gfx.DrawString(meta[i].Item1, bold, XBrushes.Black, 50 + i * 185, 115);
            gfx.DrawString(meta[i].Item2, font, XBrushes.Black, 50 + i * 185, 130);
            if (meta[i].Item3 is { } key)
            {
                boxes.AtBaseline(key, gfx, meta[i].Item2, font, 50 + i * 185, 130);
            }
        }

        var x = new[] { 50.0, 160, 450, 530, 680 };
        var headers = new[] { "SKU", "Description", "Units", "Location", "Picked" };
        var y = 170.0;
        gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(60, 60, 60)), 50, y - 12, width - 100, 17);
        for (var i = 0; i < headers.Length; i++)
        {
            gfx.DrawString(headers[i], bold, XBrushes.White, x[i] + 3, y);
        }

        foreach (var (sku, description, units, location, picked) in rows)
        {
            y += 20;
            gfx.DrawString(sku, font, XBrushes.Black, x[0] + 3, y);
            gfx.DrawString(description, font, XBrushes.Black, x[1] + 3, y);
            gfx.DrawString(units.ToString(CultureInfo.InvariantCulture), font, XBrushes.Black, x[2] + 3, y);
            gfx.DrawString(location, font, XBrushes.Black, x[3] + 3, y);
            gfx.DrawString(picked, font, XBrushes.Black, x[4] + 3, y);
            gfx.DrawLine(XPens.LightGray, 50, y + 6, width - 50, y + 6);
        }

        y += 30;
        var totalLine = $"Total units: {rows.Sum(r => r.Item3)}";
        gfx.DrawString(totalLine, bold, XBrushes.Black, 50, y);
        boxes.PartAtBaseline("totalUnits", gfx, totalLine, rows.Sum(r => r.Item3).ToString(CultureInfo.InvariantCulture), bold, 50, y);
        gfx.DrawString("Driver signature: ____________________", font, XBrushes.Black, 450, y + 40);
    }

    /// <summary>Adds where each value was drawn under <c>truthBoxes</c> (see <see cref="TruthBoxes"/>).</summary>
    public static Dictionary<string, object> WithBoxes(Dictionary<string, object> truth, TruthBoxes boxes)
    {
        truth["truthBoxes"] = boxes.ToJson();
        return truth;
    }

    private static double TruthBoxesTop(XFont font) => font.GetHeight() * font.CellAscent / font.CellSpace;

    /// <summary>Builds one PDF with fixed metadata and document IDs so its bytes do not change between runs.</summary>
    public static byte[] Pdf(Action<PdfDocument> build)
    {
        DejaVuFontResolver.Install();
        var document = new PdfDocument();
        document.Info.Title = "FastVlm.DocPipeline sample";
        document.Info.Creator = "FastVlm.DocPipeline sample generator";
        document.Info.CreationDate = FixedTimestamp;
        document.Info.ModificationDate = FixedTimestamp;
        build(document);
        document.Internals.FirstDocumentID = "0123456789ABCDEF0123456789ABCDEF";
        document.Internals.SecondDocumentID = "0123456789ABCDEF0123456789ABCDEF";
        using var stream = new MemoryStream();
        document.Save(stream);
        return StabiliseSubsetTags(stream.ToArray());
    }

    /// <summary>
    /// PDFsharp names font subsets with a random six-letter tag (<c>/ROGNYY+DejaVu...</c>); replace each tag, in
    /// order of first appearance, by a counter of the same length so byte offsets (and the xref) stay valid.
    /// </summary>
    private static byte[] StabiliseSubsetTags(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>();
        var stable = System.Text.RegularExpressions.Regex.Replace(text, "/([A-Z]{6})\\+", match =>
        {
            if (!tags.TryGetValue(match.Groups[1].Value, out var replacement))
            {
                var n = tags.Count;
                replacement = string.Concat(Enumerable.Range(0, 6).Select(i => (char)('A' + (n / (int)Math.Pow(26, 5 - i) % 26))));
                tags[match.Groups[1].Value] = replacement;
            }

            return "/" + replacement + "+";
        });
        // The XMP packet carries random document/instance UUIDs: fix them too (same length).
        var counter = 0;
        stable = System.Text.RegularExpressions.Regex.Replace(stable, "uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            _ => $"uuid:00000000-0000-4000-8000-{++counter:D12}");
        return System.Text.Encoding.Latin1.GetBytes(stable);
    }

    internal static SKTypeface Typeface(bool bold = false) =>
        SKTypeface.FromFile(DejaVuFontResolver.FindFile(bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf"));
}

public sealed record Sample(string Name, byte[] Pdf, Dictionary<string, object> Truth);
