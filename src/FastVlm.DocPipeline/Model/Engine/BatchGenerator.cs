using System.Diagnostics;
using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Greedy generation of several questions about one page in lock-step: <see cref="AppendPrompts"/> prefills every
/// suffix in one batch on top of the page's cached prefix (<see cref="PaddedPrefill"/>), then each
/// <see cref="GenerateNextTokens"/> runs the decoder once for all live sequences and picks each one's next token.
/// Finished sequences leave the batch (their cache rows are dropped), so long answers do not pay for short ones.
/// Per step it allocates, besides ONNX Runtime's <c>Run</c>, only the attention-mask view. Not thread safe.
/// </summary>
internal sealed class BatchGenerator : IDisposable
{
    private readonly FastVlmModel _model;
    private readonly EmbeddingSplicer _splicer;
    private readonly GeneratorParams[] _rows;
    private readonly CancellationToken _cancellationToken;
    private readonly EncodedImage.Lease _lease;
    private readonly RunOptions _runOptions;
    private readonly CancellationTokenRegistration _registration;
    private readonly DecoderFeeds _feeds;
    private readonly int[] _pads;
    private readonly int _capacity;
    private readonly OrtValue _maskBuffer;
    private readonly IntPtr _maskData;
    private readonly long[] _maskShape = [0, 0];
    private readonly BatchTokenEmbedder _embedder;
    private readonly List<int>[] _ids;
    private readonly List<float>[] _logprobs;
    private readonly FinishReason[] _finish;
    private readonly TimeSpan[] _firstTokenAt;
    private readonly TimeSpan[] _doneAt;
    private readonly bool[] _done;
    private readonly int[] _live;
    private readonly OrtValue[] _cache;
    private readonly Stopwatch _stopwatch = new();
    private IDisposableReadOnlyCollection<OrtValue>? _outputs;
    private OrtValue[]? _ownedCache;
    private OrtValue? _logits;
    private int _liveCount;
    private int _logitRows;
    private int _pastLength;
    private int _vocab;
    private bool _started;
    private TimeSpan _prefillTime;

    public BatchGenerator(FastVlmModel model, EmbeddingSplicer splicer, IReadOnlyList<GeneratorParams> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (rows.Count == 0 || rows.Any(r => !ReferenceEquals(r.Image, rows[0].Image)) || !rows[0].Image.HasPrefixCache)
        {
            throw new ArgumentException("A batch needs at least one question, all about one image with a cached prefix.", nameof(rows));
        }

        _model = model;
        _splicer = splicer;
        _rows = rows.ToArray();
        _cancellationToken = cancellationToken;
        var batch = _rows.Length;
        _pads = PaddedPrefill.Pads(_rows.Select(r => r.Suffix).ToArray());
        _capacity = _rows[0].Image.PrefixLength + _rows.Max(r => r.Suffix.Length) + _rows.Max(r => r.MaxNewTokens);
        _ids = _rows.Select(r => new List<int>(r.MaxNewTokens)).ToArray();
        _logprobs = _rows.Select(r => new List<float>(r.MaxNewTokens)).ToArray();
        _finish = new FinishReason[batch];
        Array.Fill(_finish, FinishReason.Length);
        _firstTokenAt = new TimeSpan[batch];
        _doneAt = new TimeSpan[batch];
        _done = new bool[batch];
        _live = Enumerable.Range(0, batch).ToArray();
        _liveCount = batch;
        _cache = new OrtValue[model.Decoder.CacheValueCount];
        _lease = _rows[0].Image.Acquire();
        try
        {
            _runOptions = new RunOptions();
            _registration = cancellationToken.Register(static options => ((RunOptions)options!).Terminate = true, _runOptions);
            _feeds = model.Decoder.CreateFeeds(1);
            _maskBuffer = OrtTensors.Allocate(TensorElementType.Int64, (long)batch * _capacity);
            _maskData = OrtTensors.Address(_maskBuffer);
            _embedder = new BatchTokenEmbedder(model.Embed, model.Decoder.EmbedsType, batch);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public bool IsDone => _liveCount == 0;

    /// <summary>Prefills every question's suffix as one padded batch after the shared prefix.</summary>
    public void AppendPrompts()
    {
        _stopwatch.Start();
        Accept(PaddedPrefill.Run(_model, _splicer, _runOptions, _feeds, _rows[0].Image, _rows.Select(r => r.Suffix).ToArray(), logitColumns: 1));
        _pastLength = _rows[0].Image.PrefixLength + _rows.Max(r => r.Suffix.Length);
        _prefillTime = _stopwatch.Elapsed;
        var shape = OrtTensors.Shape(_logits!);
        _logitRows = checked((int)shape[1]);
        _vocab = checked((int)shape[2]);
    }

    /// <summary>Runs the decoder once on every live sequence's last token (after the first pick), then picks each one's next token.</summary>
    public void GenerateNextTokens()
    {
        var live = _liveCount;
        if (_started)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var ids = _embedder.Ids(live);
            var positions = _embedder.Positions(live);
            for (var s = 0; s < live; s++)
            {
                var row = _live[s];
                ids[s] = _ids[row][^1];
                positions[s] = _pastLength - _pads[row];
            }

            var embeds = _embedder.Embed(_runOptions, live);
            using var mask = Mask(live, _pastLength + 1);
            Accept(_model.Decoder.Run(_runOptions, embeds, mask, _embedder.PositionValue(live), hasPast: true, _cache, keep: null, withLogits: true, _feeds));
            _pastLength++;
            _logitRows = 1;
        }

        _started = true;
        var eos = _model.EosIds;
        var finished = 0;
        for (var s = 0; s < live; s++)
        {
            var row = _live[s];
            var (token, logprob) = Pick(s, _ids[row].Count < _rows[row].MinNewTokens ? eos : []);
            _ids[row].Add(token);
            _logprobs[row].Add(logprob);
            if (_ids[row].Count == 1)
            {
                _firstTokenAt[row] = _stopwatch.Elapsed;
            }

            if (Array.IndexOf(eos, token) >= 0)
            {
                _finish[row] = FinishReason.Stop;
                finished++;
            }
            else if (_ids[row].Count >= _rows[row].MaxNewTokens)
            {
                finished++;
            }
            else
            {
                continue;
            }

            _doneAt[row] = _stopwatch.Elapsed;
            _done[row] = true;
        }

        if (finished > 0)
        {
            DropFinished();
        }
    }

    /// <summary>The answers in the order of the questions.</summary>
    public GenerationResult[] Results()
    {
        var image = _rows[0].Image;
        var results = new GenerationResult[_rows.Length];
        for (var r = 0; r < results.Length; r++)
        {
            var (text, spans) = _model.Tokenizer.DecodeWithSpans(_ids[r]);
            results[r] = new GenerationResult
            {
                Text = text,
                TokenSpans = spans,
                TokenIds = _ids[r],
                TokenLogprobs = _logprobs[r],
                PromptTokenCount = _rows[r].PromptLength,
                ImageTokenCount = image.ImageTokenCount,
                FinishReason = _finish[r],
                Timings = new GenerationTimings(image.EncodeTime, _prefillTime, _firstTokenAt[r], _doneAt[r] - _firstTokenAt[r], _ids[r].Count - 1),
            };
        }

        return results;
    }

    public void Dispose()
    {
        _outputs?.Dispose();
        DisposeOwnedCache();
        _embedder?.Dispose();
        _maskBuffer?.Dispose();
        _feeds?.Dispose();
        _registration.Dispose();
        _runOptions?.Dispose();
        _lease.Dispose();
    }

    private (int Token, float LogProb) Pick(int slot, ReadOnlySpan<int> excluded)
    {
        var offset = ((slot + 1) * _logitRows - 1) * _vocab;
        return _model.Decoder.LogitsType == TensorElementType.Float16
            ? TokenChooser.Pick(OrtTensors.Read<Half>(_logits!).Slice(offset, _vocab), excluded)
            : TokenChooser.Pick(OrtTensors.Read<float>(_logits!).Slice(offset, _vocab), excluded);
    }

    /// <summary><c>attention_mask [live, length]</c>: ones, with each row's padding columns (right after the prefix) zero.</summary>
    private OrtValue Mask(int live, int length)
    {
        if (length > _capacity)
        {
            throw new InvalidOperationException($"The attention mask was sized for {_capacity} positions.");
        }

        var prefix = _rows[0].Image.PrefixLength;
        var data = OrtTensors.Mutable<long>(_maskBuffer);
        for (var s = 0; s < live; s++)
        {
            var row = data.Slice(s * length, length);
            row.Fill(1);
            row.Slice(prefix, _pads[_live[s]]).Clear();
        }

        _maskShape[0] = live;
        _maskShape[1] = length;
        return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Int64, _maskShape, _maskData, (long)live * length * sizeof(long));
    }

    /// <summary>Removes finished sequences from the batch: the live slots close up and the cache keeps only their rows.</summary>
    private void DropFinished()
    {
        var before = _liveCount;
        var kept = new int[before];
        var count = 0;
        for (var s = 0; s < before; s++)
        {
            var row = _live[s];
            if (!_done[row])
            {
                kept[count++] = s;
                _live[count - 1] = row;
            }
        }

        _liveCount = count;
        if (count == 0)
        {
            return;
        }

        var decoder = _model.Decoder;
        var gathered = new OrtValue[_cache.Length];
        try
        {
            for (var i = 0; i < _cache.Length; i++)
            {
                gathered[i] = OrtTensors.Allocate(decoder.KvType, count, decoder.KvHeads, _pastLength, decoder.HeadDim);
                var source = OrtTensors.Read<byte>(_cache[i]);
                var destination = OrtTensors.Mutable<byte>(gathered[i]);
                var rowBytes = source.Length / before;
                for (var k = 0; k < count; k++)
                {
                    source.Slice(kept[k] * rowBytes, rowBytes).CopyTo(destination.Slice(k * rowBytes, rowBytes));
                }
            }
        }
        catch
        {
            foreach (var value in gathered)
            {
                value?.Dispose();
            }

            throw;
        }

        _outputs?.Dispose();
        _outputs = null;
        _logits = null;
        DisposeOwnedCache();
        _ownedCache = gathered;
        gathered.CopyTo(_cache, 0);
    }

    private void DisposeOwnedCache()
    {
        if (_ownedCache is null)
        {
            return;
        }

        foreach (var value in _ownedCache)
        {
            value.Dispose();
        }

        _ownedCache = null;
    }

    /// <summary>Takes a run's outputs (logits, then present.*) as the current step, freeing the previous step's cache.</summary>
    private void Accept(IDisposableReadOnlyCollection<OrtValue> outputs)
    {
        _outputs?.Dispose();
        DisposeOwnedCache();
        _outputs = outputs;
        var i = 0;
        if (outputs is IReadOnlyList<OrtValue> list)
        {
            _logits = list[0];
            for (var k = 0; k < _cache.Length; k++)
            {
                _cache[k] = list[k + 1];
            }

            return;
        }

        foreach (var value in outputs)
        {
            if (i == 0)
            {
                _logits = value;
            }
            else
            {
                _cache[i - 1] = value;
            }

            i++;
        }
    }
}
