using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FastVlm.DocPipeline.Samples;

/// <summary>
/// A vendor registration form whose answers live in real AcroForm text fields (with NeedAppearances, no
/// appearance streams): the values show only if the renderer draws form fields.
/// </summary>
public static class FormSample
{
    public static readonly (string Name, string Label, string Value)[] Fields =
    [
        ("companyName", "Company name", "Litware Instruments Inc."),
        ("taxId", "Tax ID / VAT number", "US 47-2210938"),
        ("contactName", "Contact person", "Maria Gonzalez"),
        ("email", "E-mail", "m.gonzalez@litware.example"),
        ("phone", "Phone", "+1 (206) 555-0148"),
        ("iban", "Bank account (IBAN)", "GB33 BUKB 2020 1555 5555 55"),
        ("startDate", "Contract start date", "2024-07-01"),
        ("paymentTerms", "Payment terms", "Net 45"),
    ];

    public static Sample Create()
    {
        var boxes = new TruthBoxes();
        var pdf = SampleSet.Pdf(document =>
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageSizeSpec.A4.Width);
            page.Height = XUnit.FromPoint(PageSizeSpec.A4.Height);
            var height = page.Height.Point;
            boxes.StartPage(page.Width.Point, height);
            var fieldRects = new List<(string Name, string Value, XRect Rect)>();
            using (var gfx = XGraphics.FromPdfPage(page))
            {
                var titleFont = new XFont("DejaVu Sans", 18, XFontStyleEx.Bold);
                gfx.DrawString("Vendor Registration Form", titleFont, XBrushes.Black, 50, 70);
                boxes.AtBaseline("formTitle", gfx, "Vendor Registration Form", titleFont, 50, 70);
                gfx.DrawString("Contoso Ltd. - Procurement - form PRC-12 (rev. 3)", new XFont("DejaVu Sans", 9), XBrushes.DimGray, 50, 88);
                var label = new XFont("DejaVu Sans", 10, XFontStyleEx.Bold);
                var y = 130.0;
                foreach (var (name, text, value) in Fields)
                {
                    gfx.DrawString(text, label, XBrushes.Black, 50, y + 14);
                    var rect = new XRect(220, y, 320, 22);
                    gfx.DrawRectangle(new XPen(XColors.Gray, 0.7), XBrushes.White, rect);
                    fieldRects.Add((name, value, rect));

                    // The viewer lays the value out inside the widget (its /Rect, 1 pt inside the drawn frame).
                    boxes.Area(name, value, new XRect(rect.X + 1, rect.Y + 1, rect.Width - 2, rect.Height - 2));
                    y += 40;
                }

                gfx.DrawString("I confirm the information above is correct.", new XFont("DejaVu Sans", 9), XBrushes.Black, 50, y + 20);
                gfx.DrawString("Signature: ______________________    Date: ______________", new XFont("DejaVu Sans", 9), XBrushes.Black, 50, y + 50);
            }

            var fields = new PdfArray(document);
            var annotations = new PdfArray(document);
            foreach (var (name, value, rect) in fieldRects)
            {
                var widget = new PdfDictionary(document);
                widget.Elements["/Type"] = new PdfName("/Annot");
                widget.Elements["/Subtype"] = new PdfName("/Widget");
                widget.Elements["/FT"] = new PdfName("/Tx");
                widget.Elements["/T"] = new PdfString(name);
                widget.Elements["/V"] = new PdfString(value);
                widget.Elements["/F"] = new PdfInteger(4);
                widget.Elements["/DA"] = new PdfString("/Helv 11 Tf 0 0 0.55 rg");
                var pdfRect = new PdfArray(document);
                foreach (var v in new[] { rect.X + 1, height - rect.Bottom + 1, rect.Right - 1, height - rect.Y - 1 })
                {
                    pdfRect.Elements.Add(new PdfReal(v));
                }

                widget.Elements["/Rect"] = pdfRect;
                widget.Elements["/P"] = page.Reference;
                document.Internals.AddObject(widget);
                fields.Elements.Add(widget.Reference!);
                annotations.Elements.Add(widget.Reference!);
            }

            page.Elements["/Annots"] = annotations;

            var helvetica = new PdfDictionary(document);
            helvetica.Elements["/Type"] = new PdfName("/Font");
            helvetica.Elements["/Subtype"] = new PdfName("/Type1");
            helvetica.Elements["/BaseFont"] = new PdfName("/Helvetica");
            helvetica.Elements["/Encoding"] = new PdfName("/WinAnsiEncoding");
            var fonts = new PdfDictionary(document);
            fonts.Elements["/Helv"] = helvetica;
            var resources = new PdfDictionary(document);
            resources.Elements["/Font"] = fonts;

            var acroForm = new PdfDictionary(document);
            acroForm.Elements["/Fields"] = fields;
            acroForm.Elements["/NeedAppearances"] = new PdfBoolean(true);
            acroForm.Elements["/DA"] = new PdfString("/Helv 11 Tf 0 g");
            acroForm.Elements["/DR"] = resources;
            document.Internals.AddObject(acroForm);
            document.Internals.Catalog.Elements["/AcroForm"] = acroForm.Reference;
        });

        var truth = Fields.ToDictionary(f => f.Name, f => (object)f.Value);
        truth["formTitle"] = "Vendor Registration Form";
        return new Sample("form-filled", pdf, SampleSet.WithBoxes(truth, boxes));
    }
}
