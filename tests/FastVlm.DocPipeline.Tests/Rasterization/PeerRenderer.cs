using System.Diagnostics;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>Runs poppler's <c>pdftoppm</c> (installed by scripts/install-apt-tools.sh) as the fidelity peer.</summary>
internal static class PeerRenderer
{
    public static async Task<RgbImage> PdftoppmAsync(string pdfPath, int page, int size)
    {
        var directory = Directory.CreateTempSubdirectory("docpipe-peer-");
        try
        {
            var prefix = Path.Combine(directory.FullName, "page");
            var start = new ProcessStartInfo("pdftoppm")
            {
                ArgumentList = { "-scale-to", size.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", "-singlefile", "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), pdfPath, prefix },
            };
            var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), "pdftoppm is missing: run scripts/install-apt-tools.sh (poppler-utils).");
            result.EnsureSuccess();

            return ImageDecoder.Decode(await File.ReadAllBytesAsync(prefix + ".png"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
