using System.Diagnostics;
using FastVlm.DocPipeline.Imaging;

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
                RedirectStandardError = true,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("pdftoppm is missing: run scripts/install-apt-tools.sh (poppler-utils).", ex);
            }

            using (process)
            {
                var stderr = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"pdftoppm failed ({process.ExitCode}): {stderr}");
                }
            }

            return ImageDecoder.Decode(await File.ReadAllBytesAsync(prefix + ".png"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
