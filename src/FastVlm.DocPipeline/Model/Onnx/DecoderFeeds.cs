using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>
/// The decoder inputs one generation reuses across its steps, so a decode step allocates only what ONNX Runtime's
/// managed <c>Run</c> itself allocates plus one attention-mask view: the input value array, one native buffer of
/// ones sized for the whole generation (each run sees a view of its first <c>past + s</c> elements), the
/// single-token position and the constant <c>use_cache_branch</c> / <c>num_logits_to_keep</c> values.
/// Not thread safe: one generation's runs are sequential.
/// </summary>
internal sealed class DecoderFeeds : IDisposable
{
    private readonly OrtValue _ones;
    private readonly IntPtr _onesData;
    private readonly long[] _maskShape = [1, 0];
    private readonly OrtValue _position;
    private readonly OrtValue? _useCacheBranch;
    private readonly OrtValue? _keep;

    public DecoderFeeds(int inputCount, int capacity, bool useCacheBranch, int? numLogitsToKeepRank)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Values = new OrtValue[inputCount];
        Capacity = capacity;
        try
        {
            _ones = OrtTensors.Int64([capacity], 1L);
            _onesData = OrtTensors.Address(_ones);
            _position = OrtTensors.Allocate(TensorElementType.Int64, 1, 1);
            _useCacheBranch = useCacheBranch ? OrtTensors.Allocate(TensorElementType.Bool, 1) : null;
            _keep = numLogitsToKeepRank switch
            {
                null => null,
                0 => OrtTensors.Int64([], 1L),
                _ => OrtTensors.Int64([1], 1L),
            };
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The longest attention mask (past + new tokens) a run may need.</summary>
    public int Capacity { get; }

    /// <summary>The input values of one run in the graph's input order; cleared after each run.</summary>
    public OrtValue[] Values { get; }

    /// <summary><c>attention_mask [1, length]</c> of ones over the shared buffer; the caller disposes the view (not the buffer).</summary>
    public OrtValue Mask(int length)
    {
        if (length > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"The attention mask was sized for {Capacity} positions.");
        }

        _maskShape[1] = length;
        return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Int64, _maskShape, _onesData, (long)length * sizeof(long));
    }

    /// <summary><c>position_ids [1, 1]</c> holding <paramref name="position"/> (owned by the feeds).</summary>
    public OrtValue Position(int position)
    {
        OrtTensors.Mutable<long>(_position)[0] = position;
        return _position;
    }

    /// <summary><c>use_cache_branch [1]</c> holding <paramref name="value"/> (owned by the feeds), or null when the graph has none.</summary>
    public OrtValue? UseCacheBranch(bool value)
    {
        if (_useCacheBranch is not null)
        {
            OrtTensors.Mutable<byte>(_useCacheBranch)[0] = value ? (byte)1 : (byte)0;
        }

        return _useCacheBranch;
    }

    /// <summary><c>num_logits_to_keep</c> = 1 (owned by the feeds), or null when the graph has none.</summary>
    public OrtValue? NumLogitsToKeep => _keep;

    public void Dispose()
    {
        Array.Clear(Values);
        _keep?.Dispose();
        _useCacheBranch?.Dispose();
        _position?.Dispose();
        _ones?.Dispose();
    }
}
