using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>Characters to words and lines, including what a hostile text layer can throw at it.</summary>
public class PageTextBuilderTests
{
    private static PixelBox Box(double left, double top, double width = 8, double height = 10) => new(left, top, left + width, top + height);

    private static void AddText(PageTextBuilder builder, string text, double left, double top)
    {
        foreach (var c in text)
        {
            builder.Add(c, c == ' ' ? null : Box(left, top));
            left += 8;
        }
    }

    [Fact]
    public void Spaces_line_breaks_and_baseline_jumps_split_words_and_lines()
    {
        var builder = new PageTextBuilder(500, 500);
        AddText(builder, "Total due", 10, 10);
        builder.Add('\r', null);
        builder.Add('\n', null);
        AddText(builder, "12.00", 10, 30);
        AddText(builder, "EUR", 60, 50);

        var text = builder.Build(truncated: false);

        text.Words.Select(w => (w.Text, w.Line)).Should().Equal(("Total", 0), ("due", 0), ("12.00", 1), ("EUR", 2));
        text.Words[0].Box.Should().Be(new PixelBox(10, 10, 50, 20));
        text.Words[2].Box.Should().Be(new PixelBox(10, 30, 50, 40));
    }

    [Fact]
    public void A_horizontal_gap_without_a_space_character_ends_the_word()
    {
        var builder = new PageTextBuilder(500, 500);
        AddText(builder, "Qty", 10, 10);
        AddText(builder, "3", 200, 10);

        builder.Build(false).Words.Select(w => (w.Text, w.Line)).Should().Equal(("Qty", 0), ("3", 0));
    }

    [Fact]
    public void Surrogate_pairs_are_joined_and_garbage_becomes_replacement_characters()
    {
        var builder = new PageTextBuilder(500, 500);
        builder.Add(0xD83D, Box(0, 0));
        builder.Add(0xDE00, Box(0, 0));
        builder.Add(0xDC00, Box(8, 0));
        builder.Add(0, Box(16, 0));
        builder.Add(0x110000, Box(24, 0));
        builder.Add(0xD800, Box(32, 0));
        builder.Add('A', Box(40, 0));
        builder.Add(0x200B, Box(48, 0));
        builder.Add('B', Box(56, 0));

        var words = builder.Build(false).Words;

        words.Select(w => w.Text).Should().Equal("\U0001F600\uFFFD\uFFFD\uFFFD\uFFFDA", "B");
    }

    [Fact]
    public void Boxes_outside_the_image_or_not_finite_are_clamped_and_words_without_a_box_are_dropped()
    {
        var builder = new PageTextBuilder(100, 50);
        builder.Add('X', new PixelBox(-20, -5, 500, 400));
        builder.Add(' ', null);
        builder.Add('Y', null);
        builder.Add(' ', null);
        builder.Add('Z', new PixelBox(double.NaN, 10, double.PositiveInfinity, 20));

        var words = builder.Build(false).Words;

        words.Select(w => w.Text).Should().Equal("X", "Z");
        words[0].Box.Should().Be(new PixelBox(0, 0, 100, 50));
        words[1].Box.Should().Be(new PixelBox(0, 10, 0, 20));
    }

    [Fact]
    public void An_empty_page_has_no_words()
    {
        var builder = new PageTextBuilder(100, 100);
        builder.Add(' ', null);
        builder.Add('\n', null);
        builder.Build(false).Words.Should().BeEmpty();
    }
}
