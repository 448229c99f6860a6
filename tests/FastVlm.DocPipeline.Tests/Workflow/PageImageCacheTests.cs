using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Tests.Workflow;

public class PageImageCacheTests
{
    private static RgbImage Image(int width) => new(width, 10, new byte[width * 10 * 3]);

    [Fact]
    public void Keeps_pages_within_its_byte_budget_evicting_the_least_recently_used()
    {
        var cache = new PageImageCache(capacityBytes: 3 * 300); // three 10x10 pages
        cache.Set("a", Image(10));
        cache.Set("b", Image(10));
        cache.Set("c", Image(10));
        cache.TryGet("a", out _).Should().BeTrue(); // a is now the most recent

        cache.Set("d", Image(10));

        cache.TryGet("b", out _).Should().BeFalse("b was the least recently used");
        cache.TryGet("a", out var a).Should().BeTrue();
        a.Width.Should().Be(10);
        cache.Count.Should().Be(3);
    }

    [Fact]
    public void Replacing_and_removing_keep_the_accounting_right_and_oversized_pages_are_not_kept()
    {
        var cache = new PageImageCache(capacityBytes: 600);
        cache.Set("a", Image(10));
        cache.Set("a", Image(20));
        cache.Count.Should().Be(1);
        cache.TryGet("a", out var replaced).Should().BeTrue();
        replaced.Width.Should().Be(20);

        cache.Remove("a");
        cache.Set("b", Image(10));
        cache.Set("c", Image(10));
        cache.Count.Should().Be(2, "600 bytes hold two 300-byte pages once a is gone");

        cache.Set("huge", Image(100));
        cache.TryGet("huge", out _).Should().BeFalse();
        cache.Count.Should().Be(2);
    }
}
