using FastVlm.DocPipeline.Samples;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>PDFs made with PDFsharp for the hostile-input tests.</summary>
internal static class TestPdfs
{
    public static byte[] Encrypted(string userPassword) => SampleSet.Pdf(document =>
    {
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            gfx.DrawString("Confidential invoice INV-7", new XFont("DejaVu Sans", 20), XBrushes.Black, 60, 100);
            gfx.DrawRectangle(XBrushes.Black, 60, 200, 200, 200);
        }

        document.SecuritySettings.UserPassword = userPassword;
        document.SecuritySettings.OwnerPassword = userPassword + "-owner";
    });

    public static byte[] Page(double widthPt, double heightPt) => SampleSet.Pdf(document =>
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(widthPt);
        page.Height = XUnit.FromPoint(heightPt);
        using var gfx = XGraphics.FromPdfPage(page);
        gfx.DrawRectangle(XBrushes.Black, widthPt / 4, heightPt / 4, widthPt / 2, heightPt / 2);
    });
}
