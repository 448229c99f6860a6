namespace FastVlm.DocPipeline.Model.Synthetic;

/// <summary>The GPT-2 / Qwen byte-to-character mapping of byte-level BPE, in vocabulary order.</summary>
internal static class ByteLevelAlphabet
{
    /// <summary>Characters for bytes, indexed by byte value.</summary>
    public static char[] ByteToChar { get; } = Build(out var order, out _);

    /// <summary>Byte values in the order the base vocabulary lists them (ids 0..255).</summary>
    public static byte[] VocabularyOrder { get; } = BuildOrder();

    private static byte[] BuildOrder()
    {
        Build(out var order, out _);
        return order;
    }

    private static char[] Build(out byte[] order, out int count)
    {
        var map = new char[256];
        var list = new List<byte>(256);
        var assigned = new bool[256];
        foreach (var (from, to) in new[] { ('!', '~'), ('\u00A1', '\u00AC'), ('\u00AE', '\u00FF') })
        {
            for (int c = from; c <= to; c++)
            {
                map[c] = (char)c;
                assigned[c] = true;
                list.Add((byte)c);
            }
        }
        var next = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!assigned[b])
            {
                map[b] = (char)(256 + next++);
                list.Add((byte)b);
            }
        }
        order = [.. list];
        count = list.Count;
        return map;
    }
}
