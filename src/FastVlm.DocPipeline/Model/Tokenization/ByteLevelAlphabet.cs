using System.Text;

namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>
/// The GPT-2 byte-to-character table used by byte-level BPE: printable Latin-1 bytes stand for themselves,
/// the other 68 bytes map to U+0100 upwards in byte order.
/// </summary>
internal static class ByteLevelAlphabet
{
    private const int TableSize = 0x100 + 68;

    // Character → byte + 1 (0 = not in the alphabet).
    private static readonly short[] CharToByte = BuildInverse();

    private static readonly char[] ByteToCharTable = BuildForward();

    /// <summary>The alphabet character that stands for <paramref name="b"/>.</summary>
    public static char ByteToChar(int b) => ByteToCharTable[b];

    /// <summary>
    /// Writes the bytes a token stands for. Like Hugging Face's ByteLevel decoder, a token with a character
    /// outside the alphabet (an added token such as <c>&lt;|im_end|&gt;</c> is inside it) contributes its
    /// UTF-8 bytes unchanged.
    /// </summary>
    public static int TokenToBytes(string token, Span<byte> destination)
    {
        foreach (char c in token)
        {
            if (c >= TableSize || CharToByte[c] == 0)
            {
                return Encoding.UTF8.GetBytes(token, destination);
            }
        }

        for (int i = 0; i < token.Length; i++)
        {
            destination[i] = (byte)(CharToByte[token[i]] - 1);
        }

        return token.Length;
    }

    private static char[] BuildForward()
    {
        var forward = new char[256];
        for (int c = 0; c < TableSize; c++)
        {
            if (CharToByte[c] != 0)
            {
                forward[CharToByte[c] - 1] = (char)c;
            }
        }

        return forward;
    }

    private static short[] BuildInverse()
    {
        var inverse = new short[TableSize];
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            bool printable = b is (>= 0x21 and <= 0x7E) or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);
            int c = printable ? b : 0x100 + next++;
            inverse[c] = (short)(b + 1);
        }

        return inverse;
    }
}
