using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>The one place that constructs the real model and rasteriser for <c>docpipe extract</c>.</summary>
internal static class PipelineComponents
{
    public static async Task<IDocumentVisionModel> LoadModelAsync(string modelDirectory, CancellationToken cancellationToken) =>
        await FastVlmEngine.LoadAsync(new FastVlmEngineOptions { ModelDirectory = modelDirectory }, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Renders pages at the model's resolution (longest side = its image size).</summary>
    public static (IDocumentRasterizer Rasterizer, RasterizationOptions Options) CreateRasterizer(IDocumentVisionModel model)
    {
        var options = new RasterizationOptions { TargetLongestSide = model.Descriptor.ImageSize > 0 ? model.Descriptor.ImageSize : 1024 };
        return (new DocumentRasterizer(options), options);
    }
}
