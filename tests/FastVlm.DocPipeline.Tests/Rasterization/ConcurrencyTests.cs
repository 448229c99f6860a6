using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Rasterization;

public class ConcurrencyTests
{
    [Fact]
    public async Task Documents_rendered_from_many_threads_at_once_match_sequential_renders()
    {
        // PDFium is not thread-safe; the process-wide lock must make parallel use safe and deterministic.
        string[] samples = ["invoice-simple", "receipt", "form-filled", "landscape-manifest", "rotated-invoice", "invoice-multipage"];
        var rasterizer = new DocumentRasterizer(new RasterizationOptions { TargetLongestSide = 384 });

        async Task<byte[][]> RenderAll(string sample)
        {
            using var document = await rasterizer.OpenAsync(new MemoryStream(TestFiles.Sample(sample)));
            var pages = new List<byte[]>();
            await foreach (var page in document.RenderPagesAsync())
            {
                pages.Add(page.Image.Pixels.ToArray());
            }

            return [.. pages];
        }

        var sequential = new List<byte[][]>();
        foreach (var sample in samples)
        {
            sequential.Add(await RenderAll(sample));
        }

        var parallel = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => samples).Select(s => Task.Run(() => RenderAll(s))));

        for (var i = 0; i < parallel.Length; i++)
        {
            var expected = sequential[i % samples.Length];
            parallel[i].Length.Should().Be(expected.Length);
            for (var p = 0; p < expected.Length; p++)
            {
                parallel[i][p].AsSpan().SequenceEqual(expected[p]).Should().BeTrue($"{samples[i % samples.Length]} page {p + 1} must not depend on other threads");
            }
        }
    }
}
