using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Rasterization;
using Xunit.Abstractions;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>
/// Compares our render of every sample page with poppler's (<c>pdftoppm -scale-to 1024</c>) rendered live in the
/// same run. Two faithful renderers still differ pixel by pixel in anti-aliasing, glyph hinting, sub-pixel
/// placement and image resampling (the scanned page's noise), so the bound is applied after averaging 4×4 blocks,
/// which cancels those two-sided differences but keeps missing, misplaced or mis-coloured content.
/// </summary>
public class FidelityTests(ITestOutputHelper output)
{
    /// <summary>
    /// Bound on the mean absolute difference per channel (0–255) of the 4×4-averaged pages. Measured here:
    /// 0.6–1.9 (pixel level 1.4–6.0; docs-fragments/raster.md). On the same pages a blank render scores 4.0–24 and
    /// our render shifted by 3 px scores 3.8–6.9; the test checks both stay above the bound, so it can tell.
    /// </summary>
    private const double Bound = 2.5;

    [Theory]
    [InlineData("invoice-simple", 1)]
    [InlineData("invoice-multipage", 2)]
    [InlineData("receipt", 1)]
    [InlineData("form-filled", 1)]
    [InlineData("scanned-invoice", 1)]
    [InlineData("landscape-manifest", 1)]
    [InlineData("rotated-invoice", 1)]
    public async Task Pages_match_pdftoppm_within_the_bound(string sample, int pageNumber)
    {
        var path = TestFiles.SamplePath(sample);
        var peer = await PeerRenderer.PdftoppmAsync(path, pageNumber, 1024);

        RgbImage ours;
        await using (var stream = File.OpenRead(path))
        using (var document = await new DocumentRasterizer().OpenAsync(stream, sample + ".pdf"))
        {
            ours = (await document.RenderPageAsync(pageNumber - 1)).Image;
        }

        Math.Abs(ours.Width - peer.Width).Should().BeLessThanOrEqualTo(1);
        Math.Abs(ours.Height - peer.Height).Should().BeLessThanOrEqualTo(1);

        var pixelLevel = TestFiles.MeanAbsoluteDifference(ours, peer);
        var coarsePeer = TestFiles.BoxDownsample(peer, 4);
        var coarse = TestFiles.MeanAbsoluteDifference(TestFiles.BoxDownsample(ours, 4), coarsePeer);
        var blank = TestFiles.MeanAbsoluteDifference(TestFiles.BoxDownsample(White(peer.Width, peer.Height), 4), coarsePeer);
        var shifted = TestFiles.MeanAbsoluteDifference(TestFiles.BoxDownsample(TestFiles.Shift(ours, 3), 4), coarsePeer);
        output.WriteLine($"{sample} p{pageNumber}: MAD vs pdftoppm {pixelLevel:0.00} (4x4 {coarse:0.00}); blank {blank:0.00}, shifted 3 px {shifted:0.00}");

        coarse.Should().BeLessThan(Bound);
        blank.Should().BeGreaterThan(Bound, "the metric must notice a page with its content missing");
        shifted.Should().BeGreaterThan(Bound, "the metric must notice content out of place");
    }

    private static RgbImage White(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        pixels.AsSpan().Fill(255);
        return new RgbImage(width, height, pixels);
    }
}
