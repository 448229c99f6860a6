using FastVlm.DocPipeline.Samples;
using PdfSharp.Drawing;

namespace FastVlm.DocPipeline.Tests.EndToEnd;

/// <summary>PDFs made for the serve tests.</summary>
internal static class ServeTestPdfs
{
    /// <summary>A text document of <paramref name="pages"/> pages (long enough to interrupt mid-way).</summary>
    public static byte[] ManyPages(int pages) => SampleSet.Pdf(document =>
    {
        for (var i = 1; i <= pages; i++)
        {
            var page = document.AddPage();
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString($"Statement page {i} of {pages}", new XFont("DejaVu Sans", 18), XBrushes.Black, 60, 100);
            gfx.DrawString($"Total carried forward: {i * 113.25:F2} EUR", new XFont("DejaVu Sans", 12), XBrushes.Black, 60, 140);
        }
    });
}
