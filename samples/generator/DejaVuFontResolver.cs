using PdfSharp.Fonts;

namespace FastVlm.DocPipeline.Samples;

/// <summary>
/// PDFsharp has no access to system fonts on Linux; this resolver maps every family to DejaVu Sans (or Sans Mono
/// for monospace requests) from Debian's standard location (package fonts-dejavu-core, installed by
/// scripts/install-apt-tools.sh).
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    private static readonly string[] Directories = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];
    private static readonly Lock InstallGate = new();

    /// <summary>
    /// Selects PDFsharp's AGPL licence (required from 6.5 on; PDFsharp is used only by this generator and the
    /// tests, never shipped in the pipeline) and installs this resolver.
    /// </summary>
    public static void Install()
    {
        lock (InstallGate)
        {
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var mono = familyName.Contains("mono", StringComparison.OrdinalIgnoreCase) || familyName.Contains("courier", StringComparison.OrdinalIgnoreCase);
        var face = (mono ? "DejaVuSansMono" : "DejaVuSans") + (bold, italic) switch
        {
            (true, true) => "-BoldOblique",
            (true, false) => "-Bold",
            (false, true) => "-Oblique",
            _ => string.Empty,
        };
        return new FontResolverInfo(face);
    }

    public byte[] GetFont(string faceName) => File.ReadAllBytes(FindFile(faceName + ".ttf"));

    public static string FindFile(string fileName)
    {
        foreach (var directory in Directories)
        {
            var path = Path.Combine(directory, fileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            $"Font {fileName} not found in {string.Join(", ", Directories)}. Run scripts/install-apt-tools.sh (installs fonts-dejavu-core).");
    }
}
