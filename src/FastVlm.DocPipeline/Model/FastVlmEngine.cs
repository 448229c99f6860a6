using System.Diagnostics;
using System.Runtime.ExceptionServices;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Engine;
using FastVlm.DocPipeline.Model.Onnx;
using FastVlm.DocPipeline.Model.Preprocessing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model;

/// <summary>
/// FastVLM on ONNX Runtime: vision encoder → token embeddings with the image rows spliced in → decoder with a
/// key/value cache, greedy decoding. Encode a page once, then ask it any number of questions.
/// </summary>
/// <remarks>
/// Thread safety: one engine serves concurrent callers and nothing is serialised by the engine. ONNX Runtime
/// allows concurrent <c>Run</c> calls on one session; every call owns its own inputs, outputs and key/value
/// cache values. The values shared between calls — the zero-length past and an encoded image's features and
/// prefix cache — are only ever read. An encoded image stays alive until its last question finishes, even if it
/// is disposed meanwhile. <see cref="Dispose"/> must not race with calls in flight.
/// </remarks>
public sealed class FastVlmEngine : IDocumentVisionModel, IDisposable
{
    private readonly FastVlmEngineOptions _options;
    private readonly VisionEncoderGraph _vision;
    private readonly EmbedTokensGraph _embed;
    private readonly DecoderGraph _decoder;
    private readonly IPromptTokenizer _tokenizer;
    private readonly ImagePreprocessor _preprocessor;
    private readonly OrtValue[] _emptyPast;
    private readonly int[] _eosIds;
    private readonly int _imageIndexInPrefix;
    private readonly long[] _prefixTextIds;
    private int _disposed;

    private FastVlmEngine(
        FastVlmEngineOptions options,
        FastVlmModelConfig config,
        VisionEncoderGraph vision,
        EmbedTokensGraph embed,
        DecoderGraph decoder,
        IPromptTokenizer tokenizer,
        ImagePreprocessor preprocessor,
        ExecutionProvider provider)
    {
        _options = options;
        Config = config;
        _vision = vision;
        _embed = embed;
        _decoder = decoder;
        _tokenizer = tokenizer;
        _preprocessor = preprocessor;
        _eosIds = config.EosTokenIds.ToArray();
        _emptyPast = decoder.CreateEmptyPast();

        var prefix = tokenizer.PrefixIds;
        _imageIndexInPrefix = -1;
        for (var i = 0; i < prefix.Count; i++)
        {
            if (prefix[i] != config.Text.ImageTokenId)
            {
                continue;
            }

            if (_imageIndexInPrefix >= 0)
            {
                throw new ModelLoadException(ModelErrorCodes.BadConfig, "The prompt prefix holds more than one image token.", Path.Combine(config.Directory, FastVlmModelConfig.ConfigFile));
            }

            _imageIndexInPrefix = i;
        }

        if (_imageIndexInPrefix < 0)
        {
            throw new ModelLoadException(
                ModelErrorCodes.BadConfig,
                $"The prompt prefix holds no image token {config.Text.ImageTokenId} ('{config.Processor.ImageToken}'): the tokenizer does not know it as an added token, or config.json's image_token_index is wrong.",
                Path.Combine(config.Directory, FastVlmModelConfig.TokenizerFile));
        }

        _prefixTextIds = prefix.Where((_, i) => i != _imageIndexInPrefix).Select(id => (long)id).ToArray();
        Descriptor = new ModelDescriptor(
            Path.GetFileName(config.Directory.TrimEnd(Path.DirectorySeparatorChar)),
            vision.Variant.Name(),
            embed.Variant.Name(),
            decoder.Variant.Name(),
            provider.ToString(),
            config.ImageSize);
    }

    public ModelDescriptor Descriptor { get; }

    /// <summary>The configuration read from the model directory.</summary>
    public FastVlmModelConfig Config { get; }

    /// <summary>The three loaded graphs with their declared inputs and outputs (<c>docpipe model check</c>).</summary>
    public IReadOnlyList<GraphInfo> Graphs => [_vision.Describe(), _embed.Describe(), _decoder.Describe()];

    /// <summary>True when the vision encoder takes several images per run.</summary>
    public bool SupportsBatchedEncoding => _vision.BatchIsDynamic;

    /// <summary>Loads the model directory: configs, tokenizer, the three sessions, and checks every graph's contract.</summary>
    public static FastVlmEngine Load(FastVlmEngineOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone().Validate();
        logger ??= NullLogger.Instance;
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
            return new FastVlmEngine(options, config, vision!, embed!, decoder!, tokenizer!, preprocessor, provider);
        }
        catch
        {
            DisposeAll(vision, embed, decoder);
            throw;
        }
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

    /// <summary>Loads on a worker thread (loading parses hundreds of MB of graphs).</summary>
    public static Task<FastVlmEngine> LoadAsync(FastVlmEngineOptions options, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Load(options, logger), cancellationToken);

    public async Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default)
    {
        var encoded = await EncodeImagesAsync([image], _options.ReusePrefixCache, cancellationToken).ConfigureAwait(false);
        return encoded[0];
    }

    /// <summary>
    /// Encodes several images, in one encoder run when the graph's batch axis is dynamic, then prefills each
    /// image's prompt prefix (when <see cref="FastVlmEngineOptions.ReusePrefixCache"/> is on).
    /// </summary>
    public Task<IReadOnlyList<IEncodedImage>> EncodeImagesAsync(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default) =>
        EncodeImagesAsync(images, _options.ReusePrefixCache, cancellationToken);

    /// <summary>
    /// Like <see cref="EncodeImagesAsync(IReadOnlyList{RgbImage}, CancellationToken)"/>, choosing per call whether
    /// the shared prefix is prefilled now (<paramref name="prefillPrefix"/>) or every question prefills the whole prompt.
    /// </summary>
    public Task<IReadOnlyList<IEncodedImage>> EncodeImagesAsync(IReadOnlyList<RgbImage> images, bool prefillPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (images.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<IEncodedImage>>([]);
        }

        foreach (var image in images)
        {
            ArgumentNullException.ThrowIfNull(image, nameof(images));
            _preprocessor.EnsureAcceptable(image);
        }

        return Task.Run(() => Cancellable(() => EncodeImages(images, prefillPrefix, cancellationToken), cancellationToken), cancellationToken);
    }

    public Task<GenerationResult> AskAsync(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (encoded, suffix, maxNew, minNew) = PrepareQuestion(image, userText, options);
        return Task.Run(() => Cancellable(() => Generate(encoded, suffix, maxNew, minNew, firstLogits: null, cancellationToken), cancellationToken), cancellationToken);
    }

    /// <summary>Like <see cref="AskAsync"/>, on the calling thread (tests measure that thread's allocations).</summary>
    internal GenerationResult Ask(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (encoded, suffix, maxNew, minNew) = PrepareQuestion(image, userText, options);
        return Cancellable(() => Generate(encoded, suffix, maxNew, minNew, firstLogits: null, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Like <see cref="AskAsync"/>, also returning the first step's last-position logits and the prompt ids in the
    /// reference runtime's layout (the image token repeated once per image row). For parity tests and diagnostics.
    /// </summary>
    internal Task<(GenerationResult Result, float[] FirstLogits, int[] PromptIds)> AskWithDiagnosticsAsync(
        IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (encoded, suffix, maxNew, minNew) = PrepareQuestion(image, userText, options);
        return Task.Run(() =>
        {
            var holder = new float[1][];
            var result = Cancellable(() => Generate(encoded, suffix, maxNew, minNew, holder, cancellationToken), cancellationToken);
            var prefix = _tokenizer.PrefixIds;
            var promptIds = prefix.Take(_imageIndexInPrefix)
                .Concat(Enumerable.Repeat(Config.Text.ImageTokenId, encoded.ImageTokenCount))
                .Concat(prefix.Skip(_imageIndexInPrefix + 1))
                .Concat(suffix)
                .ToArray();
            return (result, holder[0], promptIds);
        }, cancellationToken);
    }

    /// <summary>
    /// Reference without any cache (tests): one prefill over prompt + <paramref name="generated"/> and the greedy
    /// choice at each of the last <c>generated.Count + 1</c> positions. A correct cached decode chose exactly these.
    /// </summary>
    internal Task<int[]> GreedyWithoutCacheAsync(IEncodedImage image, string userText, IReadOnlyList<int> generated, CancellationToken cancellationToken = default)
    {
        var (encoded, suffix, _, _) = PrepareQuestion(image, userText, null);
        return Task.Run(() =>
        {
            using var lease = encoded.Acquire();
            using var runOptions = new RunOptions();
            int[] ids = [.. suffix, .. generated];
            using var embeds = BuildEmbeds(runOptions, encoded.Features, encoded.ImageTokenCount, ids, cancellationToken);
            using var feeds = _decoder.CreateFeeds(_prefixTextIds.Length + encoded.ImageTokenCount + ids.Length);
            using var outputs = _decoder.Run(runOptions, embeds, 0, _emptyPast, withLogits: true, feeds);
            var logits = outputs.First();
            var shape = OrtTensors.Shape(logits);
            var rows = (int)shape[1];
            var vocab = (int)shape[2];
            var row = new float[vocab];
            var choices = new int[generated.Count + 1];
            for (var k = 0; k < choices.Length; k++)
            {
                OrtTensors.CopyToFloat(logits, (rows - choices.Length + k) * vocab, row);
                choices[k] = TokenChooser.Pick(row, []).Token;
            }

            return choices;
        }, cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var value in _emptyPast)
        {
            value.Dispose();
        }

        _vision.Dispose();
        _embed.Dispose();
        _decoder.Dispose();
    }

    private (EncodedImage Image, int[] Suffix, int MaxNew, int MinNew) PrepareQuestion(IEncodedImage image, string userText, GenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(userText);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (image is not EncodedImage encoded || !ReferenceEquals(encoded.Owner, this))
        {
            throw new ArgumentException("The image was not encoded by this engine.", nameof(image));
        }

        var maxNew = options?.MaxNewTokens ?? _options.MaxNewTokens;
        var minNew = options?.MinNewTokens ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNew, nameof(GenerationOptions.MaxNewTokens));
        ArgumentOutOfRangeException.ThrowIfNegative(minNew, nameof(GenerationOptions.MinNewTokens));

        if (userText.Length > _options.MaxUserTextChars)
        {
            throw new ModelInputException(ModelErrorCodes.PromptTooLong, $"The question is {userText.Length} characters long; the limit is {_options.MaxUserTextChars} (FastVlmEngineOptions.MaxUserTextChars).");
        }

        var suffix = _tokenizer.EncodeSuffix(userText);
        if (suffix.Length > _options.MaxUserTextTokens)
        {
            throw new ModelInputException(ModelErrorCodes.PromptTooLong, $"The question is {suffix.Length} tokens long; the limit is {_options.MaxUserTextTokens} (FastVlmEngineOptions.MaxUserTextTokens).");
        }

        var total = _prefixTextIds.Length + encoded.ImageTokenCount + suffix.Length + maxNew;
        if (total > Config.Text.MaxPositionEmbeddings)
        {
            throw new ModelInputException(ModelErrorCodes.PromptTooLong, $"Prompt ({total - maxNew} tokens) plus {maxNew} new tokens exceeds the model's context of {Config.Text.MaxPositionEmbeddings} positions.");
        }

        return (encoded, suffix, maxNew, minNew);
    }

    private IReadOnlyList<IEncodedImage> EncodeImages(IReadOnlyList<RgbImage> images, bool prefillPrefix, CancellationToken cancellationToken)
    {
        var results = new List<IEncodedImage>(images.Count);
        try
        {
            var batch = _vision.BatchIsDynamic ? images.Count : 1;
            for (var start = 0; start < images.Count; start += batch)
            {
                var count = Math.Min(batch, images.Count - start);
                results.AddRange(EncodeBatch(images, start, count, prefillPrefix, cancellationToken));
            }

            return results;
        }
        catch
        {
            foreach (var done in results)
            {
                done.Dispose();
            }

            throw;
        }
    }

    private IEnumerable<IEncodedImage> EncodeBatch(IReadOnlyList<RgbImage> images, int start, int count, bool prefillPrefix, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stopwatch = Stopwatch.StartNew();
        var size = _preprocessor.ImageSize;
        var perImage = _preprocessor.ValuesPerImage;
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);

        float[][] features;
        int rows;
        using (var pixels = OrtTensors.Allocate(_vision.PixelType, count, 3, size, size))
        {
            for (var i = 0; i < count; i++)
            {
                if (_vision.PixelType == TensorElementType.Float16)
                {
                    _preprocessor.Preprocess(images[start + i], OrtTensors.Mutable<Half>(pixels).Slice(i * perImage, perImage));
                }
                else
                {
                    _preprocessor.Preprocess(images[start + i], OrtTensors.Mutable<float>(pixels).Slice(i * perImage, perImage));
                }
            }

            using var outputs = _vision.Run(runOptions, pixels);
            var output = outputs.First();
            var shape = OrtTensors.Shape(output);
            rows = checked((int)shape[1]);
            if (rows != Config.ImageTokenCount || shape[0] != count)
            {
                throw new DocPipelineException(
                    ModelErrorCodes.ImageTokenMismatch,
                    $"The vision encoder returned {shape[0]}x{rows} feature rows but the prompt expects {count}x{Config.ImageTokenCount} image tokens ((image size {Config.ImageSize} / patch size {Config.Processor.PatchSize})²). Check processor_config.json's patch_size against the encoder graph ({_vision.Path}).");
            }

            var perFeatures = rows * Config.Text.HiddenSize;
            features = new float[count][];
            for (var i = 0; i < count; i++)
            {
                features[i] = new float[perFeatures];
                OrtTensors.CopyToFloat(output, i * perFeatures, features[i]);
            }
        }

        var encodeTime = stopwatch.Elapsed / count;
        var encoded = new List<IEncodedImage>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                IDisposableReadOnlyCollection<OrtValue>? cache = null;
                var prefillTime = TimeSpan.Zero;
                if (prefillPrefix)
                {
                    var prefill = Stopwatch.StartNew();
                    using var embeds = BuildEmbeds(runOptions, features[i], rows, [], cancellationToken);
                    using var feeds = _decoder.CreateFeeds(_prefixTextIds.Length + rows);
                    cache = _decoder.Run(runOptions, embeds, 0, _emptyPast, withLogits: false, feeds);
                    prefillTime = prefill.Elapsed;
                }

                encoded.Add(new EncodedImage(this, features[i], rows, encodeTime, cache, _prefixTextIds.Length + rows, prefillTime));
            }
        }
        catch
        {
            foreach (var done in encoded)
            {
                done.Dispose();
            }

            throw;
        }

        return encoded;
    }

    private GenerationResult Generate(EncodedImage image, int[] suffix, int maxNew, int minNew, float[][]? firstLogits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = image.Acquire();
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        var promptLength = _prefixTextIds.Length + image.ImageTokenCount + suffix.Length;
        using var feeds = _decoder.CreateFeeds(promptLength + maxNew);
        using var embedder = new TokenEmbedder(_embed, _decoder.EmbedsType);
        var current = new OrtValue[1 + _decoder.CacheValueCount];
        var ids = new List<int>(maxNew);
        var logprobs = new List<float>(maxNew);
        var stopwatch = Stopwatch.StartNew();

        IDisposableReadOnlyCollection<OrtValue> outputs;
        if (image.HasPrefixCache)
        {
            using var embeds = EmbedForDecoder(runOptions, suffix.Select(id => (long)id).ToArray(), cancellationToken);
            outputs = _decoder.Run(runOptions, embeds, image.PrefixLength, image.PrefixCache, withLogits: true, feeds);
        }
        else
        {
            using var embeds = BuildEmbeds(runOptions, image.Features, image.ImageTokenCount, suffix, cancellationToken);
            outputs = _decoder.Run(runOptions, embeds, 0, _emptyPast, withLogits: true, feeds);
        }

        var pastLength = promptLength;
        var prefillTime = stopwatch.Elapsed;
        var timeToFirstToken = TimeSpan.Zero;
        var finish = FinishReason.Length;
        try
        {
            CopyTo(outputs, current);
            var vocab = checked((int)OrtTensors.Shape(current[0])[2]);
            while (true)
            {
                if (firstLogits is not null && ids.Count == 0)
                {
                    firstLogits[0] = TokenChooser.CopyLastRow(current[0]);
                }

                var (token, logprob) = TokenChooser.PickLastRow(current[0], _decoder.LogitsType, vocab, ids.Count < minNew ? _eosIds : []);
                ids.Add(token);
                logprobs.Add(logprob);
                if (ids.Count == 1)
                {
                    timeToFirstToken = stopwatch.Elapsed;
                }

                if (Array.IndexOf(_eosIds, token) >= 0)
                {
                    finish = FinishReason.Stop;
                    break;
                }

                if (ids.Count >= maxNew)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var embeds = embedder.Embed(runOptions, token);
                var next = _decoder.Run(runOptions, embeds, pastLength, current.AsSpan(1), withLogits: true, feeds);
                outputs.Dispose();
                outputs = next;
                CopyTo(outputs, current);
                pastLength++;
            }
        }
        finally
        {
            outputs.Dispose();
        }

        var total = stopwatch.Elapsed;
        return new GenerationResult
        {
            Text = _tokenizer.Decode(ids),
            TokenIds = ids,
            TokenLogprobs = logprobs,
            PromptTokenCount = promptLength,
            ImageTokenCount = image.ImageTokenCount,
            FinishReason = finish,
            Timings = new GenerationTimings(image.EncodeTime, prefillTime, timeToFirstToken, total - timeToFirstToken, ids.Count - 1),
        };
    }

    /// <summary>
    /// Decoder input for a prefill: prefix text rows, the image rows where the image token was, then the text
    /// after the image token and <paramref name="suffix"/>.
    /// </summary>
    private OrtValue BuildEmbeds(RunOptions runOptions, float[] features, int imageRows, int[] suffix, CancellationToken cancellationToken)
    {
        var before = _imageIndexInPrefix;
        var textIds = new long[_prefixTextIds.Length + suffix.Length];
        _prefixTextIds.CopyTo(textIds, 0);
        for (var i = 0; i < suffix.Length; i++)
        {
            textIds[_prefixTextIds.Length + i] = suffix[i];
        }

        var hidden = Config.Text.HiddenSize;
        using var text = _embed.Run(runOptions, textIds);
        var result = OrtTensors.Allocate(_decoder.EmbedsType, 1, textIds.Length + imageRows, hidden);
        try
        {
            OrtTensors.CopyConvert(text, 0, result, 0, before * hidden);
            OrtTensors.CopyConvert(features, result, before * hidden);
            OrtTensors.CopyConvert(text, before * hidden, result, (before + imageRows) * hidden, (textIds.Length - before) * hidden);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private OrtValue EmbedForDecoder(RunOptions runOptions, long[] ids, CancellationToken cancellationToken)
    {
        var embeds = _embed.Run(runOptions, ids);
        if (_embed.EmbedsType == _decoder.EmbedsType)
        {
            return embeds;
        }

        using (embeds)
        {
            var converted = OrtTensors.Allocate(_decoder.EmbedsType, OrtTensors.Shape(embeds));
            OrtTensors.CopyConvert(embeds, 0, converted, 0, ids.Length * Config.Text.HiddenSize);
            return converted;
        }
    }

    private static void CopyTo(IDisposableReadOnlyCollection<OrtValue> outputs, OrtValue[] destination)
    {
        if (outputs is IReadOnlyList<OrtValue> list)
        {
            for (var k = 0; k < destination.Length; k++)
            {
                destination[k] = list[k];
            }

            return;
        }

        var i = 0;
        foreach (var value in outputs)
        {
            destination[i++] = value;
        }
    }

    /// <summary>Runs <paramref name="work"/>, turning a session run terminated by cancellation into <see cref="OperationCanceledException"/>.</summary>
    private static T Cancellable<T>(Func<T> work, CancellationToken cancellationToken)
    {
        try
        {
            return work();
        }
        catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The model run was cancelled.", ex, cancellationToken);
        }
    }
}
