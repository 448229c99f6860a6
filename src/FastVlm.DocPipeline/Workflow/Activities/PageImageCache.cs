using FastVlm.DocPipeline.Imaging;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Rendered pages kept in memory between the rasterise and extract activities of one process, keyed by
/// page image name, so the model path does not decode the PNG again. Bounded by bytes; the least recently
/// used page goes first. A miss is normal (another process, evicted): the caller decodes the stored PNG.
/// </summary>
public sealed class PageImageCache
{
    public const long DefaultCapacityBytes = 256L * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Name, RgbImage Image)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Name, RgbImage Image)> _recency = new();
    private long _bytes;

    public PageImageCache(long capacityBytes = DefaultCapacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public void Set(string name, RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(image);
        lock (_lock)
        {
            RemoveLocked(name);
            if (image.Pixels.Length > CapacityBytes)
            {
                return;
            }

            _entries[name] = _recency.AddFirst((name, image));
            _bytes += image.Pixels.Length;
            while (_bytes > CapacityBytes && _recency.Last is { } last)
            {
                RemoveLocked(last.Value.Name);
            }
        }
    }

    public bool TryGet(string name, out RgbImage image)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(name, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                image = node.Value.Image;
                return true;
            }
        }

        image = null!;
        return false;
    }

    public void Remove(string name)
    {
        lock (_lock)
        {
            RemoveLocked(name);
        }
    }

    private void RemoveLocked(string name)
    {
        if (_entries.Remove(name, out var node))
        {
            _recency.Remove(node);
            _bytes -= node.Value.Image.Pixels.Length;
        }
    }
}
