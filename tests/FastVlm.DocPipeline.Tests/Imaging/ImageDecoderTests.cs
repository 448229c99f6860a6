using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Tests.Rasterization;
using SkiaSharp;

namespace FastVlm.DocPipeline.Tests.Imaging;

public class ImageDecoderTests
{
    [Fact]
    public void A_png_decodes_to_its_exact_pixels()
    {
        var png = TestImages.Halves(10, 4, SKEncodedImageFormat.Png);
        var image = ImageDecoder.Decode(png);
        image.Width.Should().Be(10);
        image.Height.Should().Be(4);
        TestFiles.Pixel(image, 0, 0).Should().Be(((byte)255, (byte)0, (byte)0));
        TestFiles.Pixel(image, 4, 3).Should().Be(((byte)255, (byte)0, (byte)0));
        TestFiles.Pixel(image, 5, 0).Should().Be(((byte)0, (byte)0, (byte)255));
        TestFiles.Pixel(image, 9, 3).Should().Be(((byte)0, (byte)0, (byte)255));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    [InlineData(SKEncodedImageFormat.Png)]
    public void Images_are_resized_so_the_longest_side_is_the_target(SKEncodedImageFormat format)
    {
        var encoded = TestImages.Halves(3000, 1500, format, 90);
        var image = ImageDecoder.Decode(encoded, new ImageDecoderOptions { TargetLongestSide = 1024 });
        image.Width.Should().Be(1024);
        image.Height.Should().Be(512);
        var (r, g, b) = TestFiles.Pixel(image, 100, 256);
        r.Should().BeGreaterThan(230);
        b.Should().BeLessThan(25);
        (r, g, b) = TestFiles.Pixel(image, 900, 256);
        b.Should().BeGreaterThan(230);
        r.Should().BeLessThan(25);
    }

    [Fact]
    public void Exif_orientation_is_applied()
    {
        // Orientation 6: the stored image is displayed turned 90° clockwise, so the stored left (red) half
        // becomes the top half of a portrait image.
        var jpeg = TestImages.WithExifOrientation(TestImages.Halves(200, 100, SKEncodedImageFormat.Jpeg), 6);
        var header = ImageDecoder.ReadHeader(jpeg);
        header.Width.Should().Be(100);
        header.Height.Should().Be(200);

        var image = ImageDecoder.Decode(jpeg);
        image.Width.Should().Be(100);
        image.Height.Should().Be(200);
        TestFiles.Pixel(image, 50, 20).R.Should().BeGreaterThan(200);
        TestFiles.Pixel(image, 50, 20).B.Should().BeLessThan(60);
        TestFiles.Pixel(image, 50, 180).B.Should().BeGreaterThan(200);
        TestFiles.Pixel(image, 50, 180).R.Should().BeLessThan(60);
    }

    [Fact]
    public void A_bmp_decodes_top_row_first()
    {
        var bmp = TestImages.Bmp(3, 2, (x, y) => y == 0 ? ((byte)10, (byte)20, (byte)30) : ((byte)200, (byte)100, (byte)50));
        var image = ImageDecoder.Decode(bmp);
        TestFiles.Pixel(image, 2, 0).Should().Be(((byte)10, (byte)20, (byte)30));
        TestFiles.Pixel(image, 0, 1).Should().Be(((byte)200, (byte)100, (byte)50));
    }

    [Fact]
    public void A_gif_decodes_its_first_frame()
    {
        var image = ImageDecoder.Decode(TestImages.TwoFrameGif());
        image.Width.Should().Be(4);
        TestFiles.Pixel(image, 3, 3).Should().Be(((byte)255, (byte)0, (byte)0));
    }

    [Fact]
    public void Transparency_is_composited_on_white()
    {
        var image = ImageDecoder.Decode(TestImages.TransparentPng(8, 8));
        TestFiles.Pixel(image, 4, 4).Should().Be(((byte)255, (byte)255, (byte)255));
    }

    [Fact]
    public void A_30000_pixel_image_is_refused_from_its_header()
    {
        var png = TestImages.PngHeaderOnly(30_000, 30_000);
        ImageDecoder.ReadHeader(png).Width.Should().Be(30_000);
        var decode = () => ImageDecoder.Decode(png);
        decode.Should().Throw<ImageDecodeException>().Which.Code.Should().Be(ImagingErrorCodes.ImageTooLarge);
    }

    [Fact]
    public void Tiff_is_refused_by_name()
    {
        var decode = () => ImageDecoder.Decode("II*\0\u0008\0\0\0"u8.ToArray());
        decode.Should().Throw<ImageDecodeException>()
            .Which.Should().Match<ImageDecodeException>(e => e.Code == ImagingErrorCodes.UnsupportedFormat && e.Message.Contains("TIFF"));
    }

    [Fact]
    public void A_truncated_image_is_corrupt()
    {
        var png = TestImages.Halves(300, 300, SKEncodedImageFormat.Png);
        var decode = () => ImageDecoder.Decode(png.AsSpan(0, png.Length / 3));
        decode.Should().Throw<ImageDecodeException>().Which.Code.Should().Be(ImagingErrorCodes.CorruptImage);
    }

    [Fact]
    public void Png_encoding_is_lossless()
    {
        var pixels = new byte[7 * 5 * 3];
        new Random(3).NextBytes(pixels);
        var original = new RgbImage(7, 5, pixels);
        var decoded = ImageDecoder.Decode(PngEncoder.Encode(original));
        decoded.Pixels.ToArray().Should().Equal(pixels);
    }
}
