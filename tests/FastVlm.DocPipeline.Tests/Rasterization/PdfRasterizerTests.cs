using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Rasterization;

public class PdfRasterizerTests
{
    private readonly DocumentRasterizer rasterizer = new();

    [Theory]
    [InlineData("invoice-simple", 1, 595.28, 841.89, 0, true)]
    [InlineData("invoice-multipage", 2, 612, 792, 0, true)]
    [InlineData("receipt", 1, 226.77, 481.89, 0, true)]
    [InlineData("form-filled", 1, 595.28, 841.89, 0, true)]
    [InlineData("scanned-invoice", 1, 595.28, 841.89, 0, false)]
    [InlineData("landscape-manifest", 1, 841.89, 595.28, 0, true)]
    [InlineData("rotated-invoice", 1, 841.89, 595.28, 90, true)]
    public async Task Samples_render_with_the_longest_side_at_the_target_and_their_metadata(
        string sample, int pages, double widthPt, double heightPt, int rotation, bool hasText)
    {
        await using var stream = File.OpenRead(TestFiles.SamplePath(sample));
        using var document = await rasterizer.OpenAsync(stream, sample + ".pdf");

        document.Format.Should().Be("pdf");
        document.PageCount.Should().Be(pages);
        var page = await document.RenderPageAsync(0);
        page.WidthPoints.Should().BeApproximately(widthPt, 0.5);
        page.HeightPoints.Should().BeApproximately(heightPt, 0.5);
        page.RotationDegrees.Should().Be(rotation);
        page.HasTextLayer.Should().Be(hasText);
        Math.Max(page.Image.Width, page.Image.Height).Should().Be(1024);
        ((double)page.Image.Width / page.Image.Height).Should().BeApproximately(widthPt / heightPt, 0.003);
        page.RenderTime.Should().BePositive();
    }

    [Theory]
    [InlineData(512)]
    [InlineData(768)]
    [InlineData(1536)]
    public async Task Other_model_resolutions_are_honoured(int size)
    {
        await using var stream = File.OpenRead(TestFiles.SamplePath("invoice-simple"));
        using var document = await rasterizer.OpenAsync(stream, options: new RasterizationOptions { TargetLongestSide = size });
        var page = await document.RenderPageAsync(0);
        page.Image.Height.Should().Be(size);
        page.Image.Width.Should().Be((int)Math.Round(size * 595.28 / 841.89));
    }

    [Fact]
    public async Task Pixels_are_RGB_on_a_white_background()
    {
        // Left half pure red, right half untouched (must be white).
        var pdf = HandMadePdf.HalfFilledPage(400, 200, (1, 0, 0));
        using var document = await rasterizer.OpenAsync(new MemoryStream(pdf));
        var page = await document.RenderPageAsync(0);
        page.Image.Width.Should().Be(1024);
        page.Image.Height.Should().Be(512);
        TestFiles.Pixel(page.Image, 100, 256).Should().Be(((byte)255, (byte)0, (byte)0));
        TestFiles.Pixel(page.Image, 900, 256).Should().Be(((byte)255, (byte)255, (byte)255));
        page.HasTextLayer.Should().BeFalse();
    }

    [Fact]
    public async Task Form_field_values_are_drawn()
    {
        // The form's values exist only as AcroForm fields without appearance streams; the first field box is
        // at x 220–540 pt, y 130–152 pt from the top, and its value is drawn in dark blue.
        using var document = await rasterizer.OpenAsync(new MemoryStream(TestFiles.Sample("form-filled")));
        var page = await document.RenderPageAsync(0);
        var scale = 1024 / 841.89;
        var bluish = 0;
        for (var y = (int)(132 * scale); y < (int)(150 * scale); y++)
        {
            for (var x = (int)(222 * scale); x < (int)(538 * scale); x++)
            {
                var (r, g, b) = TestFiles.Pixel(page.Image, x, y);
                if (b > r + 60 && b > g + 60)
                {
                    bluish++;
                }
            }
        }

        bluish.Should().BeGreaterThan(50, "the field value 'Litware Instruments Inc.' is drawn in blue inside the box");
    }

    [Fact]
    public async Task A_rotated_page_is_rendered_upright()
    {
        // /Rotate 90 turns the stored portrait page into a landscape invoice whose "INVOICE" title (dark blue)
        // sits top right; ignoring /Rotate would leave it sideways on a portrait bitmap.
        using var document = await rasterizer.OpenAsync(new MemoryStream(TestFiles.Sample("rotated-invoice")));
        var page = await document.RenderPageAsync(0);
        page.Image.Width.Should().BeGreaterThan(page.Image.Height);
        CountAccent(page, 820, 40, 1000, 80).Should().BeGreaterThan(100);
        CountAccent(page, 0, 600, 200, 724).Should().Be(0);
    }

    [Fact]
    public async Task Pages_stream_one_at_a_time_in_the_requested_order()
    {
        using var document = await rasterizer.OpenAsync(new MemoryStream(TestFiles.Sample("invoice-multipage")));
        var seen = new List<int>();
        await foreach (var page in document.RenderPagesAsync([1, 0]))
        {
            seen.Add(page.PageNumber);
        }

        seen.Should().Equal(2, 1);
    }

    [Fact]
    public async Task A_stream_positioned_after_a_prefix_and_a_non_seekable_stream_both_work()
    {
        var pdf = TestFiles.Sample("receipt");
        var prefixed = new MemoryStream([.. new byte[777], .. pdf]) { Position = 777 };
        using (var document = await rasterizer.OpenAsync(prefixed))
        {
            (await document.RenderPageAsync(0)).Image.Height.Should().Be(1024);
        }

        using var fromPipe = await rasterizer.OpenAsync(new NonSeekableStream(new MemoryStream(pdf)));
        (await fromPipe.RenderPageAsync(0)).Image.Height.Should().Be(1024);
    }

    [Fact]
    public async Task Files_and_byte_arrays_open_too_and_a_file_is_released_with_its_document()
    {
        var path = Path.Combine(Path.GetTempPath(), $"docpipe-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, TestFiles.Sample("receipt"));
        try
        {
            using (var fromFile = await rasterizer.OpenFileAsync(path))
            {
                (await fromFile.RenderPageAsync(0)).Image.Height.Should().Be(1024);
            }

            // Disposing the document closed the file: it can now be opened exclusively.
            using (File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }

            using var fromBytes = await rasterizer.OpenAsync(TestFiles.Sample("receipt"), "receipt.pdf");
            (await fromBytes.RenderPageAsync(0)).Image.Height.Should().Be(1024);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int CountAccent(RasterizedPage page, int x0, int y0, int x1, int y1)
    {
        var count = 0;
        for (var y = y0; y < Math.Min(y1, page.Image.Height); y++)
        {
            for (var x = x0; x < Math.Min(x1, page.Image.Width); x++)
            {
                var (r, g, b) = TestFiles.Pixel(page.Image, x, y);
                if (b > 90 && b > r + 50 && g < 130)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
