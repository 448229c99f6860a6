using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>Poppler's own word boxes (<c>pdftotext -bbox-layout</c>, installed by scripts/install-apt-tools.sh), scaled to an image size.</summary>
internal static class PopplerTextBoxes
{
    public static async Task<IReadOnlyList<(string Text, PixelBox Box)>> WordsAsync(string pdfPath, int page, int imageWidth, int imageHeight, int rotation)
    {
        var number = page.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("pdftotext") { ArgumentList = { "-cropbox", "-bbox-layout", "-f", number, "-l", number, pdfPath, "-" } };
        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), "pdftotext is missing: run scripts/install-apt-tools.sh (poppler-utils).");
        result.EnsureSuccess();
        var xml = XDocument.Parse(result.StandardOutput);
        XNamespace html = "http://www.w3.org/1999/xhtml";
        var pageElement = xml.Descendants(html + "page").Single();
        var width = Number(pageElement, "width");
        var height = Number(pageElement, "height");

        // Poppler gives the unrotated crop box size but word boxes in the displayed (rotated) orientation.
        var (displayWidth, displayHeight) = rotation is 90 or 270 ? (height, width) : (width, height);
        var sx = imageWidth / displayWidth;
        var sy = imageHeight / displayHeight;
        return pageElement.Descendants(html + "word")
            .Select(w => (w.Value, new PixelBox(Number(w, "xMin") * sx, Number(w, "yMin") * sy, Number(w, "xMax") * sx, Number(w, "yMax") * sy)))
            .ToArray();
    }

    private static double Number(XElement element, string name) =>
        double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);
}
