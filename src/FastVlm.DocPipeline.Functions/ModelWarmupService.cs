using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// Starts loading the model as soon as the worker starts, without holding up the worker's start-up (the
/// Functions host waits for the worker only so long); activities await the same load.
/// </summary>
public sealed class ModelWarmupService(ModelHost model, ILogger<ModelWarmupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await model.GetModelAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Not fatal here: every extraction activity awaits the same load and reports the error with its code.
            logger.LogError(e, "Loading the model failed: {Message}", e.Message);
        }
    }
}
