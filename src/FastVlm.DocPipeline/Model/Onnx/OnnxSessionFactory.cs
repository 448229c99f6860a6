using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>Creates ONNX Runtime sessions with the engine's options, choosing CUDA or CPU once per engine.</summary>
internal sealed class OnnxSessionFactory
{
    private readonly FastVlmEngineOptions _options;
    private readonly ILogger _logger;

    public OnnxSessionFactory(FastVlmEngineOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        EffectiveProvider = options.ExecutionProvider == ExecutionProvider.Cuda && !ProbeCuda() ? ExecutionProvider.Cpu : options.ExecutionProvider;
    }

    /// <summary>The provider the sessions really use (CPU after a CUDA fallback).</summary>
    public ExecutionProvider EffectiveProvider { get; }

    public InferenceSession Create(string path, GraphKind graph)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException(ModelErrorCodes.MissingFile, $"The {graph.BaseName()} graph file is missing.", path);
        }

        using var sessionOptions = CreateSessionOptions(EffectiveProvider);
        try
        {
            return new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException(ModelErrorCodes.CorruptGraph, $"ONNX Runtime cannot load the {graph.BaseName()} graph (truncated download or not an ONNX file?): {ex.Message}", path, ex);
        }
    }

    private SessionOptions CreateSessionOptions(ExecutionProvider provider)
    {
        var so = new SessionOptions
        {
            GraphOptimizationLevel = _options.GraphOptimizationLevel,
            IntraOpNumThreads = _options.IntraOpNumThreads,
            InterOpNumThreads = _options.InterOpNumThreads,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (provider == ExecutionProvider.Cuda)
        {
            so.AppendExecutionProvider_CUDA(_options.DeviceId);
        }

        return so;
    }

    /// <summary>True when the CUDA provider can be appended; otherwise logs once and falls back, or throws by option.</summary>
    private bool ProbeCuda()
    {
        try
        {
            using var so = new SessionOptions();
            so.AppendExecutionProvider_CUDA(_options.DeviceId);
            return true;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            if (!_options.FallbackToCpu)
            {
                throw new ModelLoadException(
                    ModelErrorCodes.ProviderUnavailable,
                    $"The CUDA execution provider is not available ({ex.Message}). Build with -p:OnnxRuntimeFlavor=Gpu on a machine with CUDA and cuDNN, or allow the CPU fallback.",
                    innerException: ex);
            }

            _logger.LogWarning("CUDA execution provider unavailable ({Reason}); running on CPU.", ex.Message);
            return false;
        }
    }
}
