using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>
/// The Qwen2 split rule, written as a scanner over Unicode scalars:
/// <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>
/// with leftmost-first alternation, as Oniguruma (used by Hugging Face <c>tokenizers</c>) runs it on UTF-8.
/// </summary>
/// <remarks>
/// Hand-written because .NET's <see cref="System.Text.RegularExpressions.Regex"/> matches <c>\p{L}</c> and
/// <c>\p{N}</c> per UTF-16 unit and so never sees letters or digits outside the BMP (U+1D400, U+10400, U+1D7CE...),
/// which would split words differently from the reference. <c>\s</c> is the Unicode White_Space property (the
/// same set as <see cref="Rune.IsWhiteSpace"/>). Case-insensitive <c>'s</c> also accepts U+017F (long s), which
/// Unicode case folding maps to <c>s</c>.
/// </remarks>
public sealed class QwenPreTokenizer : PreTokenizer
{
    /// <summary>The pattern string as it appears in a Qwen2 <c>tokenizer.json</c>.</summary>
    public const string Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static QwenPreTokenizer Instance { get; } = new();

    private enum Kind : byte
    {
        Letter,
        Number,
        Space,
        Other,
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PreTokenize(text.AsSpan());
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text)
    {
        var pieces = new List<(int Offset, int Length)>(Math.Max(4, text.Length / 4));
        Split(text, pieces);
        return pieces;
    }

    /// <summary>Appends the pieces of <paramref name="text"/> (offset, length in UTF-16 units) to <paramref name="pieces"/>.</summary>
    public static void Split(ReadOnlySpan<char> text, List<(int Offset, int Length)> pieces)
    {
        int i = 0;
        while (i < text.Length)
        {
            int end = MatchAt(text, i);
            pieces.Add((i, end - i));
            i = end;
        }
    }

    private static int MatchAt(ReadOnlySpan<char> s, int i)
    {
        // (?i:'s|'t|'re|'ve|'m|'ll|'d)
        if (s[i] == '\'')
        {
            int contraction = MatchContraction(s, i + 1);
            if (contraction > 0)
            {
                return contraction;
            }
        }

        Kind first = Classify(s, i, out int firstLength);

        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (first == Kind.Letter)
        {
            return LetterRunEnd(s, i + firstLength);
        }

        if (first != Kind.Number && !IsCrOrLf(s[i]))
        {
            int next = i + firstLength;
            if (next < s.Length && Classify(s, next, out int nextLength) == Kind.Letter)
            {
                return LetterRunEnd(s, next + nextLength);
            }
        }

        // \p{N}
        if (first == Kind.Number)
        {
            return i + firstLength;
        }

        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        int p = i;
        if (s[p] == ' ' && p + 1 < s.Length && Classify(s, p + 1, out _) == Kind.Other)
        {
            p++;
        }

        if (Classify(s, p, out _) == Kind.Other)
        {
            while (p < s.Length && Classify(s, p, out int length) == Kind.Other)
            {
                p += length;
            }

            while (p < s.Length && IsCrOrLf(s[p]))
            {
                p++;
            }

            return p;
        }

        // Only white space is left. Every White_Space scalar is in the BMP: one UTF-16 unit each.
        int runEnd = i;
        int lastLineBreak = -1;
        while (runEnd < s.Length && Classify(s, runEnd, out _) == Kind.Space)
        {
            if (IsCrOrLf(s[runEnd]))
            {
                lastLineBreak = runEnd;
            }

            runEnd++;
        }

        // \s*[\r\n]+ : greedy \s* backs off to the last line break of the run.
        if (lastLineBreak >= 0)
        {
            return lastLineBreak + 1;
        }

        // \s+(?!\S) : the whole run at the end of the text, otherwise all but its last character.
        if (runEnd == s.Length)
        {
            return runEnd;
        }

        if (runEnd - i >= 2)
        {
            return runEnd - 1;
        }

        // \s+
        return runEnd;
    }

    private static int MatchContraction(ReadOnlySpan<char> s, int p)
    {
        if (p >= s.Length)
        {
            return 0;
        }

        char a = Fold(s[p]);
        switch (a)
        {
            case 's':
            case 't':
            case 'm':
            case 'd':
                return p + 1;
            case 'r':
            case 'v':
                return p + 1 < s.Length && Fold(s[p + 1]) == 'e' ? p + 2 : 0;
            case 'l':
                return p + 1 < s.Length && Fold(s[p + 1]) == 'l' ? p + 2 : 0;
            default:
                return 0;
        }
    }

    private static char Fold(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c | 0x20),
        '\u017F' => 's',
        _ => c,
    };

    private static int LetterRunEnd(ReadOnlySpan<char> s, int p)
    {
        while (p < s.Length && Classify(s, p, out int length) == Kind.Letter)
        {
            p += length;
        }

        return p;
    }

    private static bool IsCrOrLf(char c) => c is '\r' or '\n';

    private static Kind Classify(ReadOnlySpan<char> s, int i, out int length)
    {
        char c = s[i];
        if (c < 0x80)
        {
            length = 1;
            if ((uint)((c | 0x20) - 'a') <= 'z' - 'a')
            {
                return Kind.Letter;
            }

            if ((uint)(c - '0') <= 9)
            {
                return Kind.Number;
            }

            return c is ' ' or (>= '\t' and <= '\r') ? Kind.Space : Kind.Other;
        }

        if (Rune.DecodeFromUtf16(s[i..], out Rune rune, out length) != OperationStatus.Done)
        {
            length = 1;
            return Kind.Other;
        }

        if (Rune.IsWhiteSpace(rune))
        {
            return Kind.Space;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
                return Kind.Letter;
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return Kind.Number;
            default:
                return Kind.Other;
        }
    }
}
