using System.Diagnostics;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Renders one range of pages from one read of the pinned source, storing each page as PNG (and keeping
/// its pixels in the page cache) as it goes.
/// </summary>
public sealed class RasterizeRangeActivity(ActivityServices services)
{
    public async Task<RasterizeRangeOutput> RunAsync(RasterizeRangeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stopwatch = Stopwatch.StartNew();
        var done = new HashSet<int>();
        if (input.SkipDonePages)
        {
            var pages = await services.Results.GetPagesAsync(input.DocumentId, cancellationToken).ConfigureAwait(false);
            done.UnionWith(pages.Where(p => p.Status == PageStatuses.Done && p.Page >= input.FirstPage && p.Page <= input.LastPage).Select(p => p.Page));
        }

        var rendered = new List<RenderedPageInfo>();
        if (done.Count <= input.LastPage - input.FirstPage)
        {
            using var pinned = await SourceHasher.OpenPinnedAsync(services.Source, input.SourceName, input.Sha256, cancellationToken).ConfigureAwait(false);
            using var document = await services.Rasterizer.OpenAsync(pinned.Content, input.SourceName, services.Options.Rasterization, cancellationToken).ConfigureAwait(false);
            var last = Math.Min(document.PageCount - input.SourcePageOffset, input.LastPage);
            for (var page = input.FirstPage; page <= last; page++)
            {
                if (done.Contains(page))
                {
                    continue;
                }

                var result = await document.RenderPageAsync(page - 1 + input.SourcePageOffset, cancellationToken).ConfigureAwait(false);
                var png = PngEncoder.Encode(result.Image);
                var name = await services.Images.SavePageImageAsync(input.DocumentId, page, png, cancellationToken).ConfigureAwait(false);
                if (result.Text is { } text)
                {
                    await services.Images.SavePageTextAsync(input.DocumentId, page, text, cancellationToken).ConfigureAwait(false);
                }

                services.Options.PageCache?.Set(name, result.Image);
                rendered.Add(new RenderedPageInfo(page, name, result.Image.Width, result.Image.Height, result.HasTextLayer, Math.Round(result.RenderTime.TotalMilliseconds, 1)));
            }
        }

        return new RasterizeRangeOutput(rendered, done.Count, Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1));
    }
}
