using System.Buffers;
using System.Text;

namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>
/// Byte-level BPE for very long pre-tokenizer pieces (a 100 KB run of CJK letters is a single piece).
/// Microsoft.ML.Tokenizers' BPE slows down badly on such words (seconds for 100 KB, against a few hundred
/// milliseconds in Hugging Face), so pieces above <see cref="Threshold"/> characters are merged here with the
/// reference algorithm: a priority queue of candidate merges ordered by rank, then by position.
/// </summary>
internal sealed class LongWordBpe
{
    /// <summary>Pieces longer than this (UTF-16 units) are merged here.</summary>
    public const int Threshold = 256;

    private readonly Dictionary<long, (int Rank, int NewId)> _merges;
    private readonly int[] _byteToId;

    private LongWordBpe(Dictionary<long, (int Rank, int NewId)> merges, int[] byteToId)
    {
        _merges = merges;
        _byteToId = byteToId;
    }

    /// <summary>Builds the merge table; null when some byte or merge result is missing from the vocabulary.</summary>
    public static LongWordBpe? Create(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyList<string> merges)
    {
        var byteToId = new int[256];
        for (int b = 0; b < 256; b++)
        {
            if (!vocabulary.TryGetValue(ByteLevelAlphabet.ByteToChar(b).ToString(), out byteToId[b]))
            {
                return null;
            }
        }

        var table = new Dictionary<long, (int, int)>(merges.Count);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            string line = merges[rank];
            int space = line.IndexOf(' ');
            string left = line[..space];
            string right = line[(space + 1)..];
            if (!vocabulary.TryGetValue(left, out int a) || !vocabulary.TryGetValue(right, out int b)
                || !vocabulary.TryGetValue(left + right, out int merged))
            {
                return null;
            }

            table.TryAdd(Key(a, b), (rank, merged));
        }

        return new LongWordBpe(table, byteToId);
    }

    /// <summary>Appends the ids of one pre-tokenizer piece.</summary>
    public void Encode(ReadOnlySpan<char> piece, List<int> ids)
    {
        int byteCount = Encoding.UTF8.GetByteCount(piece);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(byteCount);
        int[] id = ArrayPool<int>.Shared.Rent(byteCount);
        int[] prev = ArrayPool<int>.Shared.Rent(byteCount);
        int[] next = ArrayPool<int>.Shared.Rent(byteCount);
        bool[] removed = ArrayPool<bool>.Shared.Rent(byteCount);
        try
        {
            Encoding.UTF8.GetBytes(piece, bytes);
            for (int i = 0; i < byteCount; i++)
            {
                id[i] = _byteToId[bytes[i]];
                prev[i] = i - 1;
                next[i] = i + 1 < byteCount ? i + 1 : -1;
                removed[i] = false;
            }

            var queue = new PriorityQueue<(int Pos, int NewId), long>();
            for (int i = 0; i + 1 < byteCount; i++)
            {
                Enqueue(queue, i, id[i], id[i + 1]);
            }

            while (queue.TryDequeue(out var top, out _))
            {
                int pos = top.Pos;
                if (removed[pos] || next[pos] < 0)
                {
                    continue;
                }

                int right = next[pos];
                if (!_merges.TryGetValue(Key(id[pos], id[right]), out var merge) || merge.NewId != top.NewId)
                {
                    continue;
                }

                id[pos] = merge.NewId;
                removed[right] = true;
                next[pos] = next[right];
                if (next[pos] >= 0)
                {
                    prev[next[pos]] = pos;
                    Enqueue(queue, pos, id[pos], id[next[pos]]);
                }

                if (prev[pos] >= 0)
                {
                    Enqueue(queue, prev[pos], id[prev[pos]], id[pos]);
                }
            }

            for (int i = 0; i >= 0 && i < byteCount; i = next[i])
            {
                ids.Add(id[i]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<int>.Shared.Return(id);
            ArrayPool<int>.Shared.Return(prev);
            ArrayPool<int>.Shared.Return(next);
            ArrayPool<bool>.Shared.Return(removed);
        }
    }

    private void Enqueue(PriorityQueue<(int Pos, int NewId), long> queue, int pos, int left, int right)
    {
        if (_merges.TryGetValue(Key(left, right), out var merge))
        {
            queue.Enqueue((pos, merge.NewId), ((long)merge.Rank << 32) | (uint)pos);
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
