using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// One image after the encoder: its feature rows and, with prefix reuse, the key/value cache of the shared
/// prompt prefix (system turn, user header, image rows) as ONNX Runtime values. Both are read-only after
/// construction, so concurrent questions can share them; <see cref="Dispose"/> frees the native values once the
/// last question that leased them has finished.
/// </summary>
internal sealed class EncodedImage : IEncodedImage
{
    private readonly object _gate = new();
    private readonly OrtValue[]? _prefixCache;
    private IDisposable? _prefixOwner;
    private int _leases;
    private bool _disposed;

    public EncodedImage(
        object owner,
        float[] features,
        int imageTokenCount,
        TimeSpan encodeTime,
        IDisposableReadOnlyCollection<OrtValue>? prefixCache,
        int prefixLength,
        TimeSpan prefixPrefillTime)
    {
        Owner = owner;
        Features = features;
        ImageTokenCount = imageTokenCount;
        EncodeTime = encodeTime;
        PrefixLength = prefixLength;
        PrefixPrefillTime = prefixPrefillTime;
        if (prefixCache is not null)
        {
            _prefixOwner = prefixCache;
            _prefixCache = prefixCache.ToArray();
        }
    }

    /// <summary>The engine that encoded the image (questions must go to the same engine).</summary>
    public object Owner { get; }

    /// <summary>Image feature rows, row-major <c>[ImageTokenCount, hidden]</c>, float32.</summary>
    public float[] Features { get; }

    public int ImageTokenCount { get; }

    public TimeSpan EncodeTime { get; }

    /// <summary>Positions covered by <see cref="PrefixCache"/> (prefix text ids + image rows).</summary>
    public int PrefixLength { get; }

    public TimeSpan PrefixPrefillTime { get; }

    /// <summary>present.{i}.key/value of the prefix, in the decoder's past order; empty without prefix reuse.</summary>
    public ReadOnlySpan<OrtValue> PrefixCache => _prefixCache;

    public bool HasPrefixCache => _prefixCache is not null;

    /// <summary>Keeps the native values alive until the returned lease is disposed.</summary>
    public Lease Acquire()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _leases++;
            return new Lease(this);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            if (_leases > 0)
            {
                return;
            }
        }

        ReleaseNative();
    }

    private void Release()
    {
        lock (_gate)
        {
            _leases--;
            if (!_disposed || _leases > 0)
            {
                return;
            }
        }

        ReleaseNative();
    }

    private void ReleaseNative() => Interlocked.Exchange(ref _prefixOwner, null)?.Dispose();

    /// <summary>Holds an <see cref="EncodedImage"/>'s native values for one question.</summary>
    public readonly struct Lease(EncodedImage image) : IDisposable
    {
        public void Dispose() => image.Release();
    }
}
