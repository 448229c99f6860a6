using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// Runs one Cosmos DB operation, retrying what the SDK leaves to the caller, and turns what still fails into a
/// <see cref="CosmosStoreException"/> with the item id.
/// </summary>
internal sealed class CosmosRetryPipeline
{
    private readonly ResiliencePipeline _pipeline;

    public CosmosRetryPipeline(CosmosResultStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _pipeline = options.MaxTransientRetries <= 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxTransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.TransientRetryDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                // One layer per failure: the SDK retries 429 itself (MaxRetryAttemptsOnRateLimitedRequests), never writes on 503/408/network errors.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && CosmosFailures.IsRetriedHere(e, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    logger.LogWarning("Cosmos DB operation failed transiently ({Error}); retry {Attempt} in {Delay}.",
                        args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task<T> RunAsync<T>(string? itemId, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async ct => await operation(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (CosmosFailures.Translate(e, itemId, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }
}
