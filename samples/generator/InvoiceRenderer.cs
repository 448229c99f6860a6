using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FastVlm.DocPipeline.Samples;

/// <summary>Draws an invoice on as many pages as its line-item table needs (the table continues with its header).</summary>
public static class InvoiceRenderer
{
    private static readonly XColor Accent = XColor.FromArgb(31, 78, 121);

    public static void Render(PdfDocument document, InvoiceData invoice, PageSizeSpec size, TruthBoxes? truth = null)
    {
        var boxes = truth ?? new TruthBoxes();
        var font = new XFont("DejaVu Sans", 9.5);
        var bold = new XFont("DejaVu Sans", 9.5, XFontStyleEx.Bold);
        var title = new XFont("DejaVu Sans", 20, XFontStyleEx.Bold);
        var small = new XFont("DejaVu Sans", 8);

        var (page, gfx) = NewPage(document, size, boxes);
        var width = page.Width.Point;
        var height = page.Height.Point;
        const double margin = 50;

        var vendorFont = new XFont("DejaVu Sans", 14, XFontStyleEx.Bold);
        gfx.DrawString(invoice.Vendor, vendorFont, new XSolidBrush(Accent), margin, 60);
        boxes.AtBaseline("vendor", gfx, invoice.Vendor, vendorFont, margin, 60);
        var y = 76.0;
        foreach (var line in invoice.VendorAddress)
        {
            gfx.DrawString(line, small, XBrushes.DimGray, margin, y);
            if (!line.Contains(" ID ", StringComparison.Ordinal))
            {
                boxes.AtBaseline("vendorAddress", gfx, line, small, margin, y);
            }

            y += 11;
        }

        gfx.DrawString("INVOICE", title, new XSolidBrush(Accent), new XRect(width - margin - 200, 40, 200, 30), XStringFormats.TopRight);
        var metaX = width - margin - 200;
        y = 84;
        foreach (var (label, value, key) in new[]
        {
            ("Invoice No.", invoice.InvoiceNumber, "invoiceNumber"),
            ("Invoice Date", invoice.InvoiceDate.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture), "invoiceDate"),
            ("Due Date", invoice.DueDate.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture), "dueDate"),
            ("PO Number", invoice.PurchaseOrder ?? "-", invoice.PurchaseOrder is null ? null : "purchaseOrder"),
        })
        {
            gfx.DrawString(label, bold, XBrushes.Black, metaX, y);
            gfx.DrawString(value, font, XBrushes.Black, new XRect(metaX, y - 9, 200, 12), XStringFormats.TopRight);
            if (key is not null)
            {
                boxes.InRect(key, gfx, value, font, new XRect(metaX, y - 9, 200, 12), XStringFormats.TopRight);
            }

            y += 14;
        }

        y = Math.Max(y, 76 + invoice.VendorAddress.Length * 11) + 24;
        gfx.DrawString("BILL TO", bold, new XSolidBrush(Accent), margin, y);
        y += 14;
        gfx.DrawString(invoice.Customer, bold, XBrushes.Black, margin, y);
        boxes.AtBaseline("customer", gfx, invoice.Customer, bold, margin, y);
        y += 12;
        foreach (var line in invoice.CustomerAddress)
        {
            gfx.DrawString(line, font, XBrushes.Black, margin, y);
            y += 12;
        }

        y += 20;
        var columns = new[] { margin, margin + 30, width - margin - 200, width - margin - 120, width - margin };
        y = TableHeader(gfx, columns, y, bold);
        var number = 1;
        foreach (var item in invoice.Items)
        {
            if (y > height - 90)
            {
                Footer(gfx, width, height, small, invoice, document.PageCount, continued: true);
                (page, gfx) = NewPage(document, size, boxes);
                y = 60;
                gfx.DrawString($"{invoice.Vendor} - Invoice {invoice.InvoiceNumber} (continued)", bold, XBrushes.DimGray, margin, y);
                y = TableHeader(gfx, columns, y + 20, bold);
            }

            if (number % 2 == 0)
            {
                gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(244, 246, 249)), margin, y - 10, width - 2 * margin, 15);
            }

            gfx.DrawString(number.ToString(System.Globalization.CultureInfo.InvariantCulture), font, XBrushes.Black, columns[0] + 2, y);
            var quantity = item.Quantity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            var unitPrice = Money.Print(string.Empty, item.UnitPrice).Trim();
            var amount = Money.Print(string.Empty, item.Amount).Trim();
            var row = $"lineItems/{number - 1}/";
            gfx.DrawString(item.Description, font, XBrushes.Black, columns[1], y);
            gfx.DrawString(quantity, font, XBrushes.Black, new XRect(columns[2], y - 9, 50, 12), XStringFormats.TopRight);
            gfx.DrawString(unitPrice, font, XBrushes.Black, new XRect(columns[2], y - 9, 120 - 10, 12), XStringFormats.TopRight);
            gfx.DrawString(amount, font, XBrushes.Black, new XRect(columns[3], y - 9, 120, 12), XStringFormats.TopRight);
            boxes.AtBaseline(row + "description", gfx, item.Description, font, columns[1], y);
            boxes.InRect(row + "quantity", gfx, quantity, font, new XRect(columns[2], y - 9, 50, 12), XStringFormats.TopRight);
            boxes.InRect(row + "unitPrice", gfx, unitPrice, font, new XRect(columns[2], y - 9, 120 - 10, 12), XStringFormats.TopRight);
            boxes.InRect(row + "amount", gfx, amount, font, new XRect(columns[3], y - 9, 120, 12), XStringFormats.TopRight);
            y += 15;
            number++;
        }

        if (y > height - 150)
        {
            Footer(gfx, width, height, small, invoice, document.PageCount, continued: true);
            (page, gfx) = NewPage(document, size, boxes);
            y = 80;
        }

        y += 10;
        gfx.DrawLine(new XPen(Accent, 0.8), width - margin - 220, y - 8, width - margin, y - 8);
        foreach (var (label, value, strong, key) in new[]
        {
            ("Subtotal", Money.Print(invoice.Currency, invoice.Subtotal), false, "subtotal"),
            ($"VAT {invoice.TaxRate * 100:0.##}%", Money.Print(invoice.Currency, invoice.Tax), false, "tax"),
            ("Total Due", Money.Print(invoice.Currency, invoice.Total), true, "total"),
        })
        {
            var f = strong ? new XFont("DejaVu Sans", 11, XFontStyleEx.Bold) : font;
            gfx.DrawString(label, f, XBrushes.Black, width - margin - 220, y + 4);
            gfx.DrawString(value, f, XBrushes.Black, new XRect(width - margin - 120, y - 8, 120, 14), XStringFormats.TopRight);
            boxes.InRect(key, gfx, value, f, new XRect(width - margin - 120, y - 8, 120, 14), XStringFormats.TopRight);
            y += strong ? 20 : 15;
        }

        y += 20;
        gfx.DrawString("Payment terms: 30 days net. Please quote the invoice number with your payment.", small, XBrushes.DimGray, margin, y);
        gfx.DrawString("Bank: First Harbour Bank - IBAN DE44 5001 0517 5407 3249 31 - BIC INGDDEFFXXX", small, XBrushes.DimGray, margin, y + 11);
        Footer(gfx, width, height, small, invoice, document.PageCount, continued: false);
        gfx.Dispose();
    }

    private static (PdfPage, XGraphics) NewPage(PdfDocument document, PageSizeSpec size, TruthBoxes boxes)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(size.Width);
        page.Height = XUnit.FromPoint(size.Height);
        boxes.StartPage(size.Width, size.Height);
        return (page, XGraphics.FromPdfPage(page));
    }

    private static double TableHeader(XGraphics gfx, double[] columns, double y, XFont bold)
    {
        gfx.DrawRectangle(new XSolidBrush(Accent), columns[0], y - 11, columns[4] - columns[0], 16);
        gfx.DrawString("#", bold, XBrushes.White, columns[0] + 2, y);
        gfx.DrawString("Description", bold, XBrushes.White, columns[1], y);
        gfx.DrawString("Qty", bold, XBrushes.White, new XRect(columns[2], y - 9, 50, 12), XStringFormats.TopRight);
        gfx.DrawString("Unit Price", bold, XBrushes.White, new XRect(columns[2], y - 9, 110, 12), XStringFormats.TopRight);
        gfx.DrawString("Amount", bold, XBrushes.White, new XRect(columns[3], y - 9, 120, 12), XStringFormats.TopRight);
        return y + 18;
    }

    private static void Footer(XGraphics gfx, double width, double height, XFont small, InvoiceData invoice, int pageNumber, bool continued)
    {
        gfx.DrawString($"{invoice.Vendor} - {invoice.InvoiceNumber} - page {pageNumber}{(continued ? " - continued on next page" : string.Empty)}",
            small, XBrushes.Gray, new XRect(0, height - 40, width, 12), XStringFormats.TopCenter);
        if (continued)
        {
            gfx.Dispose();
        }
    }
}

public readonly record struct PageSizeSpec(double Width, double Height)
{
    public static PageSizeSpec A4 => new(595.28, 841.89);

    public static PageSizeSpec Letter => new(612, 792);
}
