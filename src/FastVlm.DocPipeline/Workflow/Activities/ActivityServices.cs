using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>What the document activities work with, shared by all of them.</summary>
public sealed class ActivityServices(
    IDocumentSource source,
    IDocumentRasterizer rasterizer,
    Func<CancellationToken, ValueTask<IDocumentVisionModel>> model,
    IResultStore results,
    IPageImageStore images,
    DocumentActivitiesOptions options)
{
    public IDocumentSource Source { get; } = source ?? throw new ArgumentNullException(nameof(source));

    public IDocumentRasterizer Rasterizer { get; } = rasterizer ?? throw new ArgumentNullException(nameof(rasterizer));

    public Func<CancellationToken, ValueTask<IDocumentVisionModel>> Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public IResultStore Results { get; } = results ?? throw new ArgumentNullException(nameof(results));

    public IPageImageStore Images { get; } = images ?? throw new ArgumentNullException(nameof(images));

    public DocumentActivitiesOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public RunSchemas Schemas { get; } = new(results);

    public DateTime UtcNow => Options.TimeProvider.GetUtcNow().UtcDateTime;
}
