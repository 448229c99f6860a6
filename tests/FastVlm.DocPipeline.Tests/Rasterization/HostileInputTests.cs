using System.Text;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Rasterization;

public class HostileInputTests
{
    private readonly DocumentRasterizer rasterizer = new();

    [Fact]
    public async Task An_encrypted_pdf_needs_its_password()
    {
        var pdf = TestPdfs.Encrypted("s3cret");

        var withoutPassword = () => rasterizer.OpenAsync(new MemoryStream(pdf), "locked.pdf");
        (await withoutPassword.Should().ThrowAsync<RasterizationException>()).Which.Code.Should().Be(RasterizationErrorCodes.Encrypted);

        var wrongPassword = () => rasterizer.OpenAsync(new MemoryStream(pdf), options: new RasterizationOptions { Password = "guess" });
        (await wrongPassword.Should().ThrowAsync<RasterizationException>()).Which.Code.Should().Be(RasterizationErrorCodes.WrongPassword);

        using var document = await rasterizer.OpenAsync(new MemoryStream(pdf), options: new RasterizationOptions { Password = "s3cret" });
        var page = await document.RenderPageAsync(0);
        page.HasTextLayer.Should().BeTrue();
        // The black square (x 60–260 pt, y 200–400 pt from the top of a 595x842 pt page) renders black.
        TestFiles.Pixel(page.Image, (int)(160 * 1024 / 841.89), (int)(300 * 1024 / 841.89)).Should().Be(((byte)0, (byte)0, (byte)0));
    }

    [Fact]
    public async Task Random_bytes_behind_a_pdf_header_are_corrupt()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        await ShouldFail(bytes, RasterizationErrorCodes.Corrupt);
    }

    [Fact]
    public async Task A_file_cut_off_after_its_header_is_corrupt()
    {
        await ShouldFail(TestFiles.Sample("invoice-simple")[..300], RasterizationErrorCodes.Corrupt);
    }

    [Fact]
    public async Task A_truncated_file_is_repaired_or_refused_as_corrupt_never_anything_else()
    {
        var pdf = TestFiles.Sample("invoice-multipage");
        foreach (var fraction in new[] { 0.25, 0.5, 0.75, 0.95, 0.999 })
        {
            var outcome = await TryRenderAll(pdf[..(int)(pdf.Length * fraction)]);
            outcome.Should().BeOneOf("ok", RasterizationErrorCodes.Corrupt, RasterizationErrorCodes.NoPages);
        }
    }

    [Fact]
    public async Task A_broken_xref_is_repaired_and_renders_like_the_original()
    {
        var original = TestFiles.Sample("invoice-simple");
        var broken = (byte[])original.Clone();
        var text = Encoding.Latin1.GetString(broken);
        var xref = text.LastIndexOf("\nxref", StringComparison.Ordinal) + 1;
        xref.Should().BePositive("PDFsharp writes a classic xref table");
        // Overwrite every offset in the table with nonsense of the same length.
        var end = text.IndexOf("trailer", xref, StringComparison.Ordinal);
        for (var i = xref + 5; i < end; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                broken[i] = (byte)'7';
            }
        }

        var expected = await RenderFirst(original);
        var repaired = await RenderFirst(broken);
        repaired.Image.Width.Should().Be(expected.Image.Width);
        TestFiles.MeanAbsoluteDifference(repaired.Image, expected.Image).Should().BeLessThan(0.5);
    }

    [Fact]
    public async Task A_pdf_without_pages_is_refused()
    {
        await ShouldFail(HandMadePdf.ZeroPages(), RasterizationErrorCodes.NoPages);
    }

    [Fact]
    public async Task A_200_inch_page_is_still_rendered_at_the_target_and_the_pixel_cap_holds()
    {
        var pdf = TestPdfs.Page(200 * 72, 200 * 72);
        var page = await RenderFirst(pdf);
        page.Image.Width.Should().Be(1024);
        page.Image.Height.Should().Be(1024);
        page.WidthPoints.Should().BeApproximately(14400, 1);
        TestFiles.Pixel(page.Image, 512, 512).Should().Be(((byte)0, (byte)0, (byte)0));

        var capped = await RenderFirst(pdf, new RasterizationOptions { TargetLongestSide = 4096, MaxPixelsPerPage = 1_000_000 });
        ((long)capped.Image.Width * capped.Image.Height).Should().BeLessThanOrEqualTo(1_000_000);
        capped.Image.Width.Should().BeGreaterThan(990);
    }

    [Fact]
    public async Task Ten_thousand_pages_are_refused_before_any_rendering()
    {
        var pdf = HandMadePdf.ManyPages(10_000);
        var failure = await ShouldFail(pdf, RasterizationErrorCodes.TooManyPages);
        failure.Message.Should().Contain("10,000").And.Contain("2,000");

        // The same document opens when the limit allows it: the refusal is the limit, not a parse failure.
        using var document = await rasterizer.OpenAsync(new MemoryStream(pdf), options: new RasterizationOptions { MaxPageCount = 10_000 });
        document.PageCount.Should().Be(10_000);
    }

    [Fact]
    public async Task A_1_GB_upload_is_refused_by_the_size_limit_without_reading_it()
    {
        var seekable = new HugeStream(1L << 30, seekable: true);
        var open = () => rasterizer.OpenAsync(seekable, "big.pdf");
        (await open.Should().ThrowAsync<RasterizationException>()).Which.Code.Should().Be(RasterizationErrorCodes.TooLarge);
        seekable.BytesRead.Should().Be(0);

        // A non-seekable body is read only until it passes the limit.
        var streamed = new HugeStream(1L << 30, seekable: false);
        var openStreamed = () => rasterizer.OpenAsync(streamed, "big.pdf", new RasterizationOptions { MaxInputBytes = 1 << 20 });
        (await openStreamed.Should().ThrowAsync<RasterizationException>()).Which.Code.Should().Be(RasterizationErrorCodes.TooLarge);
        streamed.BytesRead.Should().BeLessThan(2 << 20);
    }

    [Theory]
    [InlineData("PK\u0003\u0004 this is really a zip", "ZIP")]
    [InlineData("Dear customer, please find attached", "plain text")]
    [InlineData("II*\0 tiff bytes follow", "TIFF")]
    public async Task A_non_pdf_named_pdf_is_refused_by_its_content(string content, string described)
    {
        var failure = await ShouldFail(Encoding.Latin1.GetBytes(content), RasterizationErrorCodes.UnsupportedFormat, "invoice.pdf");
        failure.Message.Should().Contain("not a PDF").And.Contain(described);
    }

    [Fact]
    public async Task An_empty_input_is_refused()
    {
        await ShouldFail([], RasterizationErrorCodes.Empty);
    }

    [Fact]
    public async Task An_exhausted_time_budget_stops_the_document()
    {
        await ShouldFail(TestFiles.Sample("receipt"), RasterizationErrorCodes.Timeout, options: new RasterizationOptions { DocumentTimeout = TimeSpan.Zero });
    }

    [Fact]
    public async Task Rendering_honours_cancellation()
    {
        using var document = await rasterizer.OpenAsync(new MemoryStream(TestFiles.Sample("receipt")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var render = () => document.RenderPageAsync(0, cancelled.Token);
        await render.Should().ThrowAsync<OperationCanceledException>();
    }

    private async Task<RasterizationException> ShouldFail(byte[] bytes, string code, string? name = null, RasterizationOptions? options = null)
    {
        var open = async () =>
        {
            using var document = await rasterizer.OpenAsync(new MemoryStream(bytes), name, options);
            for (var i = 0; i < document.PageCount; i++)
            {
                await document.RenderPageAsync(i);
            }
        };
        var failure = (await open.Should().ThrowAsync<RasterizationException>()).Which;
        failure.Code.Should().Be(code, failure.Message);
        return failure;
    }

    private async Task<RasterizedPage> RenderFirst(byte[] pdf, RasterizationOptions? options = null)
    {
        using var document = await rasterizer.OpenAsync(new MemoryStream(pdf), options: options);
        return await document.RenderPageAsync(0);
    }

    private async Task<string> TryRenderAll(byte[] bytes)
    {
        try
        {
            using var document = await rasterizer.OpenAsync(new MemoryStream(bytes));
            for (var i = 0; i < document.PageCount; i++)
            {
                await document.RenderPageAsync(i);
            }

            return "ok";
        }
        catch (RasterizationException ex)
        {
            return ex.Code;
        }
    }
}
