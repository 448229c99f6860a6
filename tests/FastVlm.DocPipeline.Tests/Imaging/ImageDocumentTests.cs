using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Tests.Rasterization;
using SkiaSharp;

namespace FastVlm.DocPipeline.Tests.Imaging;

public class ImageDocumentTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "webp")]
    public async Task An_image_is_a_one_page_document_at_the_target_size(SKEncodedImageFormat encoding, string format)
    {
        var bytes = TestImages.Halves(600, 400, encoding);
        // The file name lies: the content decides.
        using var document = await new DocumentRasterizer().OpenAsync(new MemoryStream(bytes), "scan.pdf");
        document.Format.Should().Be(format);
        document.PageCount.Should().Be(1);
        var page = await document.RenderPageAsync(0);
        page.Image.Width.Should().Be(1024);
        page.Image.Height.Should().Be(683);
        page.HasTextLayer.Should().BeFalse();
        TestFiles.Pixel(page.Image, 100, 300).R.Should().BeGreaterThan(230);
    }

    [Fact]
    public async Task Bmp_and_gif_open_as_documents()
    {
        using var bmp = await new DocumentRasterizer().OpenAsync(new MemoryStream(TestImages.Bmp(4, 4, (_, _) => (1, 2, 3))));
        bmp.Format.Should().Be("bmp");
        using var gif = await new DocumentRasterizer().OpenAsync(new MemoryStream(TestImages.TwoFrameGif()));
        gif.Format.Should().Be("gif");
        var page = await gif.RenderPageAsync(0);
        TestFiles.Pixel(page.Image, 500, 500).Should().Be(((byte)255, (byte)0, (byte)0));
    }

    [Fact]
    public async Task An_oversized_image_is_refused_when_opened()
    {
        var open = () => new DocumentRasterizer().OpenAsync(new MemoryStream(TestImages.PngHeaderOnly(30_000, 30_000)));
        (await open.Should().ThrowAsync<RasterizationException>()).Which.Code.Should().Be(RasterizationErrorCodes.ImageTooLarge);
    }

    [Fact]
    public async Task A_tiff_document_is_refused_naming_the_format()
    {
        var open = () => new DocumentRasterizer().OpenAsync(new MemoryStream("MM\0*\0\0\0\u0008 rest of a tiff"u8.ToArray()), "scan.tif");
        var failure = (await open.Should().ThrowAsync<RasterizationException>()).Which;
        failure.Code.Should().Be(RasterizationErrorCodes.UnsupportedFormat);
        failure.Message.Should().Contain("TIFF");
    }
}
