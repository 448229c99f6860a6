using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Model;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// The model of <c>docpipe serve</c>: loaded on first use (a host with nothing to do never loads it), disposed
/// at the end. A model that cannot load is a <see cref="HostFaultException"/>: the host stops, no document is blamed.
/// </summary>
internal sealed class ServeModel(FastVlmEngineOptions options, ILogger logger) : IAsyncDisposable
{
    public const string LoadFailedCode = "model.load_failed";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private FastVlmEngine? _engine;

    public async ValueTask<IDocumentVisionModel> GetAsync(CancellationToken cancellationToken)
    {
        if (_engine is { } ready)
        {
            return ready;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _engine ??= await FastVlmEngine.LoadAsync(options, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var code = e is DocPipelineException known ? known.Code : LoadFailedCode;
            throw new HostFaultException(code,
                $"The model in '{options.ModelDirectory}' could not be loaded ({e.Message.TrimEnd('.')}). serve stopped before processing anything, so no document was marked failed: fix the model (--model) and start serve again.",
                e);
        }
        finally
        {
            _lock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _engine?.Dispose();
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }
}
