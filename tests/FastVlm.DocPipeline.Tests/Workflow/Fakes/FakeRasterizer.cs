using System.Text;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Workflow.Fakes;

/// <summary>
/// A rasteriser for workflow tests: the input file's text says what it is (<c>pages=3</c>, or <c>corrupt</c>);
/// page N renders as a small image whose first pixel's red value is N, so the fake model knows the page.
/// </summary>
internal sealed class FakeRasterizer : IDocumentRasterizer
{
    private int _opens;
    private int _renders;

    public int Opens => _opens;

    public int Renders => _renders;

    public static string Describe(int pages) => $"pages={pages}";

    public async Task<IRasterDocument> OpenAsync(Stream content, string? fileName = null, RasterizationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _opens);
        using var reader = new StreamReader(content, Encoding.UTF8, leaveOpen: true);
        var text = (await reader.ReadToEndAsync(cancellationToken)).Trim();
        if (!text.StartsWith("pages=", StringComparison.Ordinal) || !int.TryParse(text.AsSpan(6).ToString().Split('\n')[0], out var pages))
        {
            throw new RasterizationException(RasterizationErrorCodes.Corrupt, $"{fileName} is not a PDF (test double).");
        }

        return new Document(this, pages);
    }

    public static int PageOf(RgbImage image) => image.Pixels.Span[0];

    private sealed class Document(FakeRasterizer owner, int pages) : IRasterDocument
    {
        public string Format => "pdf";

        public int PageCount => pages;

        public Task<RasterizedPage> RenderPageAsync(int pageIndex, CancellationToken cancellationToken = default)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pageIndex, pages);
            Interlocked.Increment(ref owner._renders);
            const int width = 16, height = 12;
            var pixels = new byte[width * height * 3];
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)(i * 7 % 251);
            }

            pixels[0] = (byte)(pageIndex + 1);
            return Task.FromResult(new RasterizedPage(pageIndex, new RgbImage(width, height, pixels), 612, 792, 0, true, TimeSpan.FromMilliseconds(1)));
        }

        public void Dispose()
        {
        }
    }
}
