using System.Diagnostics;
using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// One greedy generation over the decoder's key/value cache: <see cref="AppendPrompt"/> prefills the question,
/// then each <see cref="GenerateNextToken"/> feeds the last token back and picks the next one until
/// <see cref="IsDone"/>. Everything a step needs is allocated here, once per generation. Not thread safe.
/// </summary>
internal sealed class Generator : IDisposable
{
    private readonly FastVlmModel _model;
    private readonly EmbeddingSplicer _splicer;
    private readonly GeneratorParams _params;
    private readonly CancellationToken _cancellationToken;
    private readonly EncodedImage.Lease _lease;
    private readonly RunOptions _runOptions;
    private readonly CancellationTokenRegistration _registration;
    private readonly DecoderFeeds _feeds;
    private readonly TokenEmbedder _embedder;
    private readonly OrtValue[] _current;
    private readonly List<int> _ids;
    private readonly List<float> _logprobs;
    private readonly Stopwatch _stopwatch = new();
    private IDisposableReadOnlyCollection<OrtValue>? _outputs;
    private int _pastLength;
    private int _vocab;
    private TimeSpan _prefillTime;
    private TimeSpan _timeToFirstToken;
    private FinishReason _finish = FinishReason.Length;

    public Generator(FastVlmModel model, EmbeddingSplicer splicer, GeneratorParams parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _model = model;
        _splicer = splicer;
        _params = parameters;
        _cancellationToken = cancellationToken;
        _current = new OrtValue[1 + model.Decoder.CacheValueCount];
        _ids = new List<int>(parameters.MaxNewTokens);
        _logprobs = new List<float>(parameters.MaxNewTokens);
        _lease = parameters.Image.Acquire();
        try
        {
            _runOptions = new RunOptions();
            _registration = cancellationToken.Register(static options => ((RunOptions)options!).Terminate = true, _runOptions);
            _feeds = model.Decoder.CreateFeeds(parameters.PromptLength + parameters.MaxNewTokens);
            _embedder = new TokenEmbedder(model.Embed, model.Decoder.EmbedsType);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public bool IsDone { get; private set; }

    /// <summary>Prefills the prompt: the question after the image's cached prefix, or the whole spliced prompt.</summary>
    public void AppendPrompt()
    {
        _stopwatch.Start();
        var image = _params.Image;
        if (image.HasPrefixCache)
        {
            using var embeds = _splicer.EmbedText(_runOptions, _params.Suffix.Select(id => (long)id).ToArray());
            Accept(_model.Decoder.Run(_runOptions, embeds, image.PrefixLength, image.PrefixCache, withLogits: true, _feeds));
        }
        else
        {
            using var embeds = _splicer.Splice(_runOptions, image.Features, image.ImageTokenCount, _params.Suffix);
            Accept(_model.Decoder.Run(_runOptions, embeds, 0, _model.EmptyPast, withLogits: true, _feeds));
        }

        _pastLength = _params.PromptLength;
        _prefillTime = _stopwatch.Elapsed;
        _vocab = checked((int)OrtTensors.Shape(_current[0])[2]);
    }

    /// <summary>Runs the decoder on the last chosen token (after the first) and chooses the next one greedily.</summary>
    public void GenerateNextToken() => GenerateNextToken(excludedToken: -1);

    /// <summary>Like <see cref="GenerateNextToken()"/>, never choosing <paramref name="excludedToken"/> (a branch takes the best token other than the answer's).</summary>
    public void GenerateNextToken(int excludedToken)
    {
        if (_ids.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var embeds = _embedder.Embed(_runOptions, _ids[^1]);
            Accept(_model.Decoder.Run(_runOptions, embeds, _pastLength, _current.AsSpan(1), withLogits: true, _feeds));
            _pastLength++;
        }

        var eos = _model.EosIds;
        var excluded = excludedToken >= 0 ? new ReadOnlySpan<int>(in excludedToken) : _ids.Count < _params.MinNewTokens ? eos : [];
        var (token, logprob) = TokenChooser.PickLastRow(_current[0], _model.Decoder.LogitsType, _vocab, excluded);
        _ids.Add(token);
        _logprobs.Add(logprob);
        if (_ids.Count == 1)
        {
            _timeToFirstToken = _stopwatch.Elapsed;
        }

        if (Array.IndexOf(eos, token) >= 0)
        {
            _finish = FinishReason.Stop;
            IsDone = true;
        }
        else if (_ids.Count >= _params.MaxNewTokens)
        {
            IsDone = true;
        }
    }

    /// <summary>
    /// Teacher forcing (diagnostics): takes <paramref name="token"/> as the next token instead of the greedy choice,
    /// runs the decoder on it, and returns the log-probability the model gave it.
    /// </summary>
    public double Force(int token)
    {
        var logits = _current[0];
        var logprob = _model.Decoder.LogitsType == TensorElementType.Float16
            ? TokenChooser.LogProb(OrtTensors.Read<Half>(logits)[^_vocab..], token)
            : TokenChooser.LogProb(OrtTensors.Read<float>(logits)[^_vocab..], token);
        _ids.Add(token);
        _logprobs.Add((float)logprob);
        var embeds = _embedder.Embed(_runOptions, token);
        Accept(_model.Decoder.Run(_runOptions, embeds, _pastLength, _current.AsSpan(1), withLogits: true, _feeds));
        _pastLength++;
        return logprob;
    }

    /// <summary>The last position's logits as float32 (diagnostics: call after <see cref="AppendPrompt"/> for the first step's).</summary>
    public float[] CopyLastLogits() => TokenChooser.CopyLastRow(_current[0]);

    public GenerationResult Result()
    {
        var total = _stopwatch.Elapsed;
        var image = _params.Image;
        var (text, spans) = _model.Tokenizer.DecodeWithSpans(_ids);
        return new GenerationResult
        {
            Text = text,
            TokenSpans = spans,
            TokenIds = _ids,
            TokenLogprobs = _logprobs,
            PromptTokenCount = _params.PromptLength,
            ImageTokenCount = image.ImageTokenCount,
            FinishReason = _finish,
            Timings = new GenerationTimings(image.EncodeTime, _prefillTime, _timeToFirstToken, total - _timeToFirstToken, _ids.Count - 1),
        };
    }

    public void Dispose()
    {
        _outputs?.Dispose();
        _embedder?.Dispose();
        _feeds?.Dispose();
        _registration.Dispose();
        _runOptions?.Dispose();
        _lease.Dispose();
    }

    /// <summary>Takes a run's outputs (logits, then present.*) as the current step, freeing the previous step's.</summary>
    private void Accept(IDisposableReadOnlyCollection<OrtValue> outputs)
    {
        _outputs?.Dispose();
        _outputs = outputs;
        if (outputs is IReadOnlyList<OrtValue> list)
        {
            for (var k = 0; k < _current.Length; k++)
            {
                _current[k] = list[k];
            }

            return;
        }

        var i = 0;
        foreach (var value in outputs)
        {
            _current[i++] = value;
        }
    }
}
