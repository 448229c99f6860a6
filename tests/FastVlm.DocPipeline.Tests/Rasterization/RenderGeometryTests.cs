using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Rasterization;

public class RenderGeometryTests
{
    [Theory]
    [InlineData(612, 792, 1024, 791, 1024)]
    [InlineData(842, 595, 1024, 1024, 724)]
    [InlineData(14400, 14400, 1024, 1024, 1024)]
    [InlineData(1, 14400, 1024, 1, 1024)]
    public void The_longest_side_hits_the_target_and_the_aspect_is_kept(double w, double h, int target, int expectedW, int expectedH)
    {
        RenderGeometry.Fit(w, h, target, long.MaxValue).Should().Be((expectedW, expectedH));
    }

    [Fact]
    public void The_pixel_cap_wins_over_the_target()
    {
        var (w, h) = RenderGeometry.Fit(1000, 1000, 4096, 1_000_000);
        ((long)w * h).Should().BeLessThanOrEqualTo(1_000_000);
        w.Should().Be(1000);
    }
}
