using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// The FastVLM engine of this worker process: loaded once from the mounted model directory (CUDA provider on
/// GPU replicas), warmed up with one tiny generation so the first page does not pay for CUDA kernel and
/// cuDNN initialisation, then shared by every extraction activity (the engine is safe for concurrent callers).
/// Loading starts when the host starts (<see cref="ModelWarmupService"/>); callers that arrive earlier wait.
/// A failed load (model files not uploaded yet, …) is retried by the next caller instead of being cached.
/// </summary>
public sealed class ModelHost(FastVlmEngineOptions options, ILogger<ModelHost> logger) : IDisposable
{
    private readonly object _gate = new();
    private Task<FastVlmEngine>? _engine;

    /// <summary>The loaded, warmed-up model.</summary>
    public async Task<IDocumentVisionModel> GetModelAsync(CancellationToken cancellationToken = default)
    {
        Task<FastVlmEngine> engine;
        lock (_gate)
        {
            if (_engine is null || _engine.IsFaulted || _engine.IsCanceled)
            {
                _engine = LoadAsync(options, logger);
            }

            engine = _engine;
        }

        return await engine.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_engine is { IsCompletedSuccessfully: true } loaded)
            {
                loaded.Result.Dispose();
            }

            _engine = null;
        }
    }

    private static async Task<FastVlmEngine> LoadAsync(FastVlmEngineOptions options, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var engine = await FastVlmEngine.LoadAsync(options, logger).ConfigureAwait(false);
        try
        {
            var size = engine.Descriptor.ImageSize;
            var blank = new RgbImage(size, size, new byte[size * size * 3]);
            using var encoded = await engine.EncodeImageAsync(blank).ConfigureAwait(false);
            await engine.AskAsync(encoded, "What is the title?", new GenerationOptions { MaxNewTokens = 1 }).ConfigureAwait(false);
        }
        catch
        {
            engine.Dispose();
            throw;
        }

        logger.LogInformation(
            "Model {Name} loaded and warmed up on {Provider} in {Seconds:F1} s (vision {Vision}, decoder {Decoder}).",
            engine.Descriptor.Name,
            engine.Descriptor.ExecutionProvider,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
            engine.Descriptor.VisionEncoderVariant,
            engine.Descriptor.DecoderVariant);
        return engine;
    }
}
