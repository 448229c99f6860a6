using System.Runtime.ExceptionServices;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Engine;
using FastVlm.DocPipeline.Model.Onnx;
using FastVlm.DocPipeline.Model.Preprocessing;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Model;

/// <summary>
/// A loaded FastVLM directory: its configs, tokenizer and prompt prefix, the chosen variant of each graph and
/// the three sessions, each checked against the contract the engine feeds. Everything here is read-only after
/// loading, so concurrent encodes and generations share one model.
/// </summary>
internal sealed class FastVlmModel : IDisposable
{
    private FastVlmModel(
        FastVlmEngineOptions options,
        FastVlmModelConfig config,
        VisionEncoderGraph vision,
        EmbedTokensGraph embed,
        DecoderGraph decoder,
        IPromptTokenizer tokenizer,
        ImagePreprocessor preprocessor,
        ExecutionProvider provider)
    {
        Options = options;
        Config = config;
        Vision = vision;
        Embed = embed;
        Decoder = decoder;
        Tokenizer = tokenizer;
        Prefix = PromptPrefix.Create(tokenizer, config);
        Preprocessor = preprocessor;
        EosIds = config.EosTokenIds.ToArray();
        Descriptor = new ModelDescriptor(
            Path.GetFileName(config.Directory.TrimEnd(Path.DirectorySeparatorChar)),
            vision.Variant.Name(),
            embed.Variant.Name(),
            decoder.Variant.Name(),
            provider.ToString(),
            config.ImageSize);
        EmptyPast = decoder.CreateEmptyPast();
    }

    public FastVlmEngineOptions Options { get; }

    public FastVlmModelConfig Config { get; }

    public ModelDescriptor Descriptor { get; }

    public VisionEncoderGraph Vision { get; }

    public EmbedTokensGraph Embed { get; }

    public DecoderGraph Decoder { get; }

    public IPromptTokenizer Tokenizer { get; }

    public PromptPrefix Prefix { get; }

    public ImagePreprocessor Preprocessor { get; }

    public int[] EosIds { get; }

    /// <summary>Zero-length past values for a prefill from position 0; only ever read, so every call shares them.</summary>
    public OrtValue[] EmptyPast { get; }

    public IReadOnlyList<GraphInfo> Graphs => [Vision.Describe(), Embed.Describe(), Decoder.Describe()];

    /// <summary>Loads the model directory: configs, tokenizer, the three sessions, and checks every graph's contract.</summary>
    public static FastVlmModel Load(FastVlmEngineOptions options, ILogger logger)
    {
        var config = FastVlmModelConfig.Load(options.ModelDirectory);
        if (config.Generation is { RepetitionPenalty: not 1.0 } g)
        {
            logger.LogWarning("generation_config.json sets repetition_penalty {Penalty}; the engine decodes greedily without penalties.", g.RepetitionPenalty);
        }

        var preprocessor = new ImagePreprocessor(
            config.Preprocessor,
            new ImagePreprocessorOptions { Mode = options.ImagePreprocessing, MaxInputPixels = options.MaxImagePixels });
        var factory = new OnnxSessionFactory(options, logger);
        var provider = factory.EffectiveProvider;
        var dir = config.Directory;
        var hidden = config.Text.HiddenSize;
        var visionVariant = VariantSelector.Select(dir, GraphKind.VisionEncoder, options.VisionEncoderVariant, provider);
        var embedVariant = VariantSelector.Select(dir, GraphKind.EmbedTokens, options.EmbedTokensVariant, provider);
        var decoderVariant = VariantSelector.Select(dir, GraphKind.Decoder, options.DecoderVariant, provider);

        // The tokenizer and the three sessions are independent: building them side by side shortens the load of
        // the full model (session creation parses and optimises hundreds of MB per graph). Failures are reported in
        // a fixed order (tokenizer, vision, embed, decoder) so the error does not depend on thread timing.
        IPromptTokenizer? tokenizer = null;
        VisionEncoderGraph? vision = null;
        EmbedTokensGraph? embed = null;
        DecoderGraph? decoder = null;
        var failures = new Exception?[4];
        Parallel.Invoke(
            () => Capture(failures, 0, () => tokenizer = EngineComponents.CreateTokenizer(config)),
            () => Capture(failures, 1, () => vision = VisionEncoderGraph.Load(factory, VariantSelector.PathOf(dir, GraphKind.VisionEncoder, visionVariant), visionVariant, config.ImageSize, hidden)),
            () => Capture(failures, 2, () => embed = EmbedTokensGraph.Load(factory, VariantSelector.PathOf(dir, GraphKind.EmbedTokens, embedVariant), embedVariant, hidden)),
            () => Capture(failures, 3, () => decoder = DecoderGraph.Load(factory, VariantSelector.PathOf(dir, GraphKind.Decoder, decoderVariant), decoderVariant, config.Text)));

        if (Array.Find(failures, f => f is not null) is { } failure)
        {
            DisposeAll(vision, embed, decoder);
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        try
        {
            return new FastVlmModel(options, config, vision!, embed!, decoder!, tokenizer!, preprocessor, provider);
        }
        catch
        {
            DisposeAll(vision, embed, decoder);
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var value in EmptyPast)
        {
            value.Dispose();
        }

        DisposeAll(Vision, Embed, Decoder);
    }

    private static void Capture(Exception?[] failures, int slot, Action load)
    {
        try
        {
            load();
        }
        catch (Exception ex)
        {
            failures[slot] = ex;
        }
    }

    private static void DisposeAll(params IDisposable?[] disposables)
    {
        foreach (var disposable in disposables)
        {
            disposable?.Dispose();
        }
    }
}
