using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Tests.Imaging;

public class RgbImageTests
{
    [Fact]
    public void FromRgbx_drops_alpha_and_row_padding()
    {
        // 2x2 pixels, rows padded to 12 bytes (4 bytes of padding per row).
        byte[] rgbx =
        [
            1, 2, 3, 255, 4, 5, 6, 255, 99, 99, 99, 99,
            7, 8, 9, 255, 10, 11, 12, 0, 99, 99, 99, 99,
        ];

        var image = RgbImage.FromRgbx(rgbx, rowBytes: 12, width: 2, height: 2);

        image.Width.Should().Be(2);
        image.Height.Should().Be(2);
        image.Pixels.ToArray().Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    [Fact]
    public void FromRgbx_refuses_a_stride_shorter_than_a_row()
    {
        var act = () => RgbImage.FromRgbx(new byte[32], rowBytes: 7, width: 2, height: 2);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Constructor_checks_the_buffer_length()
    {
        var act = () => new RgbImage(2, 2, new byte[11]);
        act.Should().Throw<ArgumentException>().WithMessage("*12 bytes*");
    }
}
