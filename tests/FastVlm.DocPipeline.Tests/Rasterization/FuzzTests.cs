using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>
/// Mutates valid PDFs (seeded, so every run sees the same cases): bit flips, byte runs overwritten, truncations,
/// chunks removed or duplicated. Each case must end in pages or a typed <see cref="RasterizationException"/>:
/// any other exception, a crash of the process or a hang fails the run.
/// </summary>
public class FuzzTests
{
    private const int CasesPerSample = 100;

    [Theory]
    [InlineData("invoice-simple", 11)]
    [InlineData("form-filled", 23)]
    [InlineData("rotated-invoice", 37)]
    public async Task Mutated_pdfs_end_in_pages_or_a_typed_error(string sample, int seed)
    {
        var original = TestFiles.Sample(sample);
        var random = new Random(seed);
        var rasterizer = new DocumentRasterizer();
        var options = new RasterizationOptions { TargetLongestSide = 256, DocumentTimeout = TimeSpan.FromSeconds(20) };
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < CasesPerSample; i++)
        {
            var mutated = Mutate(original, random);
            string outcome;
            try
            {
                using var document = await rasterizer.OpenAsync(new MemoryStream(mutated), $"{sample}-{i}.pdf", options);
                for (var p = 0; p < document.PageCount; p++)
                {
                    var page = await document.RenderPageAsync(p);
                    page.Image.Pixels.Length.Should().Be(page.Image.Width * page.Image.Height * 3);
                }

                outcome = "ok";
            }
            catch (RasterizationException ex)
            {
                outcome = ex.Code;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Small mutations mostly leave a renderable file: the fuzzer must exercise rendering, not just the parser.
        outcomes.GetValueOrDefault("ok").Should().BeGreaterThan(CasesPerSample / 4, string.Join(", ", outcomes));
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (int n = random.Next(1, 24), k = 0; k < n; k++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1:
                var at = random.Next(bytes.Length);
                var run = Math.Min(random.Next(1, 200), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, run));
                return bytes;
            case 2:
                return bytes[..random.Next(1, bytes.Length)];
            case 3:
                var start = random.Next(bytes.Length);
                var length = Math.Min(random.Next(1, 2000), bytes.Length - start);
                return [.. bytes[..start], .. bytes[(start + length)..]];
            default:
                var from = random.Next(bytes.Length);
                var size = Math.Min(random.Next(1, 2000), bytes.Length - from);
                var into = random.Next(bytes.Length);
                return [.. bytes[..into], .. bytes.AsSpan(from, size), .. bytes[into..]];
        }
    }
}
