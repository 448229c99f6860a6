using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Engine;
using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

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
    private readonly FastVlmModel _model;
    private readonly ImageEncoder _encoder;
    private int _disposed;

    private FastVlmEngine(FastVlmModel model)
    {
        _model = model;
        Splicer = new EmbeddingSplicer(model);
        _encoder = new ImageEncoder(model, Splicer);
    }

    public ModelDescriptor Descriptor => _model.Descriptor;

    /// <summary>The configuration read from the model directory.</summary>
    public FastVlmModelConfig Config => _model.Config;

    /// <summary>The three loaded graphs with their declared inputs and outputs (<c>docpipe model check</c>).</summary>
    public IReadOnlyList<GraphInfo> Graphs => _model.Graphs;

    /// <summary>True when the vision encoder takes several images per run.</summary>
    public bool SupportsBatchedEncoding => _model.Vision.BatchIsDynamic;

    /// <summary>Time all engines of this process have spent inside ONNX Runtime's session runs (for benchmarks: wall time minus this is the engine's own overhead).</summary>
    public static TimeSpan OnnxRuntimeRunTime => OrtRunClock.Elapsed;

    internal FastVlmModel Model => _model;

    internal EmbeddingSplicer Splicer { get; }

    /// <summary>Loads the model directory: configs, tokenizer, the three sessions, and checks every graph's contract.</summary>
    public static FastVlmEngine Load(FastVlmEngineOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FastVlmEngine(FastVlmModel.Load(options.Clone().Validate(), logger ?? NullLogger.Instance));
    }

    /// <summary>Loads on a worker thread (loading parses hundreds of MB of graphs).</summary>
    public static Task<FastVlmEngine> LoadAsync(FastVlmEngineOptions options, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Load(options, logger), cancellationToken);

    public async Task<IEncodedImage> EncodeImageAsync(RgbImage image, CancellationToken cancellationToken = default)
    {
        var encoded = await EncodeImagesAsync([image], _model.Options.ReusePrefixCache, cancellationToken).ConfigureAwait(false);
        return encoded[0];
    }

    /// <summary>
    /// Encodes several images, in one encoder run when the graph's batch axis is dynamic, then prefills each
    /// image's prompt prefix (when <see cref="FastVlmEngineOptions.ReusePrefixCache"/> is on).
    /// </summary>
    public Task<IReadOnlyList<IEncodedImage>> EncodeImagesAsync(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default) =>
        EncodeImagesAsync(images, _model.Options.ReusePrefixCache, cancellationToken);

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

        _encoder.EnsureAcceptable(images);
        return Task.Run(() => Cancellable(() => _encoder.Encode(images, prefillPrefix, cancellationToken), cancellationToken), cancellationToken);
    }

    public Task<GenerationResult> AskAsync(IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var question = Prepare(image, userText, options);
        return Task.Run(() => Generate(question, afterPrompt: null, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Asks several questions about one page, decoded together: one prefill of every question on top of the page's
    /// cached prefix, then one decoder run per step for all unfinished answers, in batches of at most
    /// <see cref="GenerationOptions.MaxBatchSize"/>. Answers equal <see cref="AskAsync"/>'s, in question order.
    /// Without a prefix cache the questions are asked one after another.
    /// </summary>
    public Task<IReadOnlyList<GenerationResult>> AskManyAsync(
        IEncodedImage image, IReadOnlyList<string> userTexts, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userTexts);
        if (options?.MaxBatchSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(GenerationOptions.MaxBatchSize));
        }

        var questions = userTexts.Select(text => Prepare(image, text, options)).ToArray();
        return Task.Run(() => GenerateMany(questions, options?.MaxBatchSize, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Total log-probability of each candidate answer (its tokens, then the end-of-turn token), from one batched
    /// prefill of question + candidate on top of the page's cached prefix.
    /// </summary>
    public Task<IReadOnlyList<double>> ScoreCandidatesAsync(
        IEncodedImage image, string userText, IReadOnlyList<string> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var question = Prepare(image, userText, null);
        var tokenizer = _model.Tokenizer;
        var answers = candidates.Select(c => (int[])[.. tokenizer.EncodeAnswer(c ?? throw new ArgumentException("A candidate is null.", nameof(candidates))), tokenizer.EndOfTurnId]).ToArray();
        return Task.Run(() => ScoreTokens(question, answers, cancellationToken), cancellationToken);
    }

    public bool CanScoreCandidates(IEncodedImage image) =>
        image is EncodedImage { HasPrefixCache: true } encoded && ReferenceEquals(encoded.Owner, _model) && _disposed == 0;

    /// <summary>
    /// Alternatives to <paramref name="answer"/> (this engine's answer to <paramref name="userText"/> about
    /// <paramref name="image"/>) by branching at its least confident tokens on the page's cached prefix; see
    /// <see cref="AnswerBrancher"/>. Each alternative is decoded greedily, one after another, within the options' token budget.
    /// </summary>
    public Task<ProposedAlternatives> ProposeAlternativesAsync(
        IEncodedImage image, string userText, GenerationResult answer, AlternativeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var bounds = options ?? new AlternativeOptions();
        bounds.Validate();
        if (answer.TokenIds.Count != answer.TokenLogprobs.Count || answer.TokenIds.Any(id => id < 0))
        {
            throw new ArgumentException("The answer's token ids and log-probabilities do not match: pass an answer this engine generated.", nameof(answer));
        }

        var question = Prepare(image, userText, new GenerationOptions { MaxNewTokens = bounds.MaxNewTokens });
        if (!question.Image.HasPrefixCache)
        {
            throw new ArgumentException("Alternatives need an image encoded with its prefix cache (FastVlmEngineOptions.ReusePrefixCache).", nameof(image));
        }

        return Task.Run(() => Cancellable(() => AnswerBrancher.Propose(_model, Splicer, question, answer, bounds, cancellationToken), cancellationToken), cancellationToken);
    }

    public bool CanProposeAlternatives(IEncodedImage image) => CanScoreCandidates(image);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _model.Dispose();
        }
    }

    internal GeneratorParams Prepare(IEncodedImage image, string userText, GenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(userText);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return GeneratorParams.Create(_model, image, userText, options);
    }

    /// <summary>Prefill, then greedy steps until a stop token or the token limit; <paramref name="afterPrompt"/> sees the generator after the prefill.</summary>
    internal GenerationResult Generate(GeneratorParams question, Action<Generator>? afterPrompt, CancellationToken cancellationToken) =>
        Cancellable(
            () =>
            {
                using var generator = new Generator(_model, Splicer, question, cancellationToken);
                generator.AppendPrompt();
                afterPrompt?.Invoke(generator);
                while (!generator.IsDone)
                {
                    generator.GenerateNextToken();
                }

                return generator.Result();
            },
            cancellationToken);

    /// <summary>Batched greedy generation of <paramref name="questions"/> (all about one image), in batches of at most <paramref name="maxBatchSize"/>.</summary>
    internal IReadOnlyList<GenerationResult> GenerateMany(GeneratorParams[] questions, int? maxBatchSize, CancellationToken cancellationToken)
    {
        if (questions.Length == 0)
        {
            return [];
        }

        if (!questions[0].Image.HasPrefixCache)
        {
            return questions.Select(q => Generate(q, afterPrompt: null, cancellationToken)).ToArray();
        }

        var results = new List<GenerationResult>(questions.Length);
        foreach (var chunk in questions.Chunk(maxBatchSize ?? questions.Length))
        {
            results.AddRange(Cancellable(
                () =>
                {
                    using var generator = new BatchGenerator(_model, Splicer, chunk, cancellationToken);
                    generator.AppendPrompts();
                    while (!generator.IsDone)
                    {
                        generator.GenerateNextTokens();
                    }

                    return generator.Results();
                },
                cancellationToken));
        }

        return results;
    }

    /// <summary>Scores whole answers (ids ending with their closing token) to one question.</summary>
    internal IReadOnlyList<double> ScoreTokens(GeneratorParams question, IReadOnlyList<int[]> answers, CancellationToken cancellationToken) =>
        Cancellable(() => CandidateScorer.Score(_model, Splicer, question, answers, cancellationToken), cancellationToken);

    /// <summary>Runs <paramref name="work"/>, turning a session run terminated by cancellation into <see cref="OperationCanceledException"/>.</summary>
    internal static T Cancellable<T>(Func<T> work, CancellationToken cancellationToken)
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
