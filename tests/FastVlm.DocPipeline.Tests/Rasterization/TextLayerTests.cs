using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>The text layer read while rendering: words, lines and boxes in the rendered image's pixels, checked against poppler.</summary>
public class TextLayerTests
{
    private readonly DocumentRasterizer rasterizer = new();

    [Theory]
    [InlineData("invoice-simple", 1)]
    [InlineData("invoice-multipage", 2)]
    [InlineData("receipt", 1)]
    [InlineData("landscape-manifest", 1)]
    [InlineData("rotated-invoice", 1)]
    public async Task Word_boxes_agree_with_poppler_in_image_pixels(string sample, int page)
    {
        await using var stream = File.OpenRead(TestFiles.SamplePath(sample));
        using var document = await rasterizer.OpenAsync(stream, sample + ".pdf");
        var rendered = await document.RenderPageAsync(page - 1);
        var text = rendered.Text.Should().NotBeNull().And.Subject.As<PageText>();
        text.Width.Should().Be(rendered.Image.Width);
        text.Height.Should().Be(rendered.Image.Height);

        var peer = await PopplerTextBoxes.WordsAsync(TestFiles.SamplePath(sample), page, rendered.Image.Width, rendered.Image.Height, rendered.RotationDegrees);
        peer.Should().HaveCountGreaterThan(20);
        var ious = new List<double>();
        var unmatched = new List<string>();
        foreach (var (word, box) in peer)
        {
            var best = text.Words.Where(w => w.Text == word).Select(w => w.Box.IntersectionOverUnion(box)).DefaultIfEmpty(0).Max();
            if (best == 0)
            {
                unmatched.Add(word);
            }

            ious.Add(best);
        }

        unmatched.Count.Should().BeLessThanOrEqualTo(peer.Count / 20, $"poppler's words are PDFium's words too (missing: {string.Join(", ", unmatched.Take(20))})");
        ious.Count(i => i >= 0.9).Should().BeGreaterThanOrEqualTo((int)(peer.Count * 0.95), "the same word has the same place in both readers");
        ious.Order().ElementAt(ious.Count / 2).Should().BeGreaterThan(0.97);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public async Task Every_page_rotation_and_a_shifted_crop_box_map_to_the_displayed_image_as_poppler_does(int rotation)
    {
        var path = Path.Combine(Path.GetTempPath(), $"docpipe-text-{rotation}-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, HandMadePdf.TextPage(rotation));
        try
        {
            await using var stream = File.OpenRead(path);
            using var document = await rasterizer.OpenAsync(stream, "rotated.pdf");
            var rendered = await document.RenderPageAsync(0);
            rendered.RotationDegrees.Should().Be(rotation);
            var text = rendered.Text!;
            text.Words.Select(w => w.Text).Should().Equal("Top", "left", "words", "Bottom", "right");
            text.Words.Select(w => w.Line).Should().Equal(0, 0, 0, 1, 1);

            var peer = await PopplerTextBoxes.WordsAsync(path, 1, rendered.Image.Width, rendered.Image.Height, rotation);
            peer.Select(p => p.Text).Should().BeEquivalentTo(text.Words.Select(w => w.Text));
            // Helvetica is not embedded: the two readers take its ascent and descent from different metrics, so the
            // boxes differ in height by a few pixels (the same at every rotation), not in place.
            foreach (var (word, box) in peer)
            {
                text.Words.Single(w => w.Text == word).Box.IntersectionOverUnion(box).Should().BeGreaterThan(0.75, $"'{word}' at /Rotate {rotation}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Characters_past_the_limit_are_dropped_and_the_text_marked_truncated()
    {
        await using var stream = File.OpenRead(TestFiles.SamplePath("invoice-simple"));
        using var document = await rasterizer.OpenAsync(stream, "invoice-simple.pdf", new RasterizationOptions { MaxTextCharactersPerPage = 12 });
        var rendered = await document.RenderPageAsync(0);
        rendered.Text!.Truncated.Should().BeTrue();
        string.Concat(rendered.Text.Words.Select(w => w.Text)).Length.Should().BeLessThanOrEqualTo(12);
    }

    [Fact]
    public async Task A_scan_has_no_text_layer()
    {
        await using var stream = File.OpenRead(TestFiles.SamplePath("scanned-invoice"));
        using var document = await rasterizer.OpenAsync(stream, "scanned-invoice.pdf");
        var rendered = await document.RenderPageAsync(0);
        rendered.Text.Should().BeNull();
        rendered.HasTextLayer.Should().BeFalse();
    }
}
