using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Tests.Imaging;

public class FormatSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, DocumentFormat.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, DocumentFormat.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, DocumentFormat.Jpeg)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, DocumentFormat.WebP)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, DocumentFormat.Gif)]
    [InlineData(new byte[] { 0x42, 0x4D, 0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0 }, DocumentFormat.Bmp)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00 }, DocumentFormat.Tiff)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A }, DocumentFormat.Tiff)]
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63 }, DocumentFormat.Heif)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, DocumentFormat.Zip)]
    [InlineData(new byte[] { 0x48, 0x65, 0x6C, 0x6C, 0x6F }, DocumentFormat.Text)]
    [InlineData(new byte[] { 0x00, 0x13, 0x37, 0xFE, 0x00 }, DocumentFormat.Unknown)]
    public void Formats_are_told_by_their_magic_bytes(byte[] head, DocumentFormat expected)
    {
        FormatSniffer.Sniff(head).Should().Be(expected);
    }

    [Fact]
    public void A_pdf_header_after_a_little_junk_still_counts()
    {
        byte[] head = [.. new byte[100], .. "%PDF-1.4\n"u8.ToArray()];
        FormatSniffer.Sniff(head).Should().Be(DocumentFormat.Pdf);
    }

    [Theory]
    [InlineData("BMW service invoice\nTotal: 120 EUR\n")]
    [InlineData("BM")]
    [InlineData("BMP notes: the header is 14 bytes, then the DIB header.")]
    public void Text_starting_with_BM_is_text_not_a_corrupt_bmp(string text)
    {
        FormatSniffer.Sniff(System.Text.Encoding.UTF8.GetBytes(text)).Should().Be(DocumentFormat.Text);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(64, 17)]
    public void Real_bmps_are_still_bmps(int width, int height)
    {
        FormatSniffer.Sniff(TestImages.Bmp(width, height, (_, _) => (1, 2, 3))).Should().Be(DocumentFormat.Bmp);
    }

    [Fact]
    public void A_bmp_header_whose_pixels_start_inside_the_headers_is_not_a_bmp()
    {
        byte[] head = [0x42, 0x4D, 0x46, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0x28, 0, 0, 0];
        FormatSniffer.Sniff(head).Should().NotBe(DocumentFormat.Bmp);
    }
}
