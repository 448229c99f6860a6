using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Tests.Model.Tokenization;

/// <summary>A seeded corpus of hard strings for tokenizer parity: many scripts, numbers, emoji, white space, markup.</summary>
internal static class TokenizerCorpus
{
    private static readonly string[] Fragments =
    [
        // Latin with accents, ligatures, German, Polish, Czech
        "café", "naïve", "Ångström", "façade", "Zürich", "São Paulo", "Dvořák", "Łódź", "œuvre", "Straße", "ﬁnance", "Ĳssel",
        "Invoice", "TOTAL", "the", "Qwen", "hello", "WORLD", "abc123", "123abc", "snake_case_name", "CamelCaseWord",
        // Cyrillic, Greek
        "Привет", "мир", "Ёлка", "съешь же ещё", "Καλημέρα", "κόσμε", "ΑΒΓΔ", "ἄνθρωπος",
        // Arabic, Hebrew, Devanagari, Thai
        "مرحبا بالعالم", "العربية", "שלום עולם", "עִבְרִית", "नमस्ते", "हिन्दी", "क्षत्रिय", "สวัสดีครับ", "ภาษาไทย",
        // CJK, Hangul
        "你好世界", "日本語のテキスト", "漢字", "東京タワー", "ｶﾀｶﾅ", "안녕하세요", "한국어", "請求書番号",
        // Emoji: plain, skin tones, ZWJ families, flags, keycaps, variation selectors
        "😀", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "🇯🇵", "❤️", "🏳️‍🌈", "🤷🏻‍♀️", "1️⃣", "✈︎", "🧑🏿‍💻",
        // Combining marks (decomposed input)
        "e\u0301", "A\u030A", "n\u0303", "o\u0308\u0304", "\u1100\u1161\u11A8", "Q\u0323\u0307", "\u0301lone mark", "a\u0328\u0301",
        // Astral-plane letters and digits, runic
        "𝐀𝐁𝐂𝐝𝐞", "𐐀𐐨𐑍", "𝟎𝟏𝟐𝟗", "ᚠᚢᚦᚨᚱ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𠀀𠀁𠀂", "𓀀𓀁", "𝒳𝓎", "x𝟘y", "𐐀1𝟎",
        // Other number forms
        "٠١٢٣٤", "१२३", "１２３", "x²+y³", "Ⅻ", "½ ¾", "①②",
        // Currency
        "€1.234,56", "$ 1,000.00", "¥5000", "₹ 12,34,567.89", "£3.50", "CHF 1'234.50", "-$42.00", "USD1,234,567.8901",
        // Dates and times
        "2024-03-15", "15/03/2024", "03.15.24", "March 15th, 2024", "15 mars 2024", "2024年3月15日", "Tue, 15 Mar 2024 14:30:00 +0100",
        "2024-03-15T14:30:00Z", "Q3 FY2024", "1999–2001",
        // Contractions (ASCII and curly apostrophes, mixed case, long s)
        "it's", "IT'S", "we'LL", "they'Re", "I'm", "you'd", "don't", "'s", "'S", "'ſ", "o'clock", "rock 'n' roll", "he’s",
        "'ve", "'VE", "'ll'", "''", "'", "'re'd", "'ſtop", "'ſ", "'Twas", "'sandwich", "'llama", "'dx", "'REX", "'MOVE", "'Lx",
        // Punctuation, code, URLs
        "#", "##", "### Heading", "```json", "{\"a\": 1, \"b\": [2, 3]}", "foo(bar)", "--", "...", "!!!", "?!", "«»", "„quoted“", "—",
        "https://example.com/a?b=c&d=e", "user@example.com", "C:\\Users\\x", "<div class=\"x\">", "a  =  b", "x\u200By",
        // Chat markup and look-alikes
        "<|im_start|>", "<|im_end|>", "<image>", "<|endoftext|>", "<|im_start|>user\n", "<image>\n", "< image>", "<|im_end",
        "<<image>>", "<think>", "<|im_start|>assistant\n", "<image><image>", "<|im_end|>\u0338", "<image>\u0301", "\u0338<image>",
        // Lone surrogates
        "\uD800", "\uDFFF", "a\uD83Db", "\uDE00x", "\uD83D\uD83D\uDE00",
    ];

    private static readonly string[] Separators =
    [
        "", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\r", ", ", "-", "/", "\u00A0", "\u3000", " \n ", "\t\r\n  ", "\u2028",
        "\u0085", "\v", "\f", "   \n", "\n   ", "\u2003", ": ",
    ];

    private static readonly string[] Fixed =
    [
        "", " ", "  ", "\n", "\r\n", "\t", "a", "A", "0", "00000000000000000000", "1234567890", "hello world", " hello", "hello ",
        "\n\nhello\n\n", "   leading", "trailing   ", "a\n\n\nb", "a \n b", "a\t\tb", "x\u00A0\u00A0y", "\u3000\u3000", "<image>\nWhat is the total?",
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<image>\nWhat is the date?<|im_end|>\n<|im_start|>assistant\n",
        "Answer the question using a single word or phrase.",
    ];

    /// <summary>Returns <paramref name="count"/> generated strings (plus a fixed set) from a seeded generator.</summary>
    public static List<string> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var corpus = new List<string>(count + Fixed.Length);
        corpus.AddRange(Fixed);
        var sb = new StringBuilder();
        while (corpus.Count < count + Fixed.Length)
        {
            sb.Clear();
            int kind = random.Next(10);
            int pieces = 1 + random.Next(kind == 0 ? 40 : 10);
            for (int p = 0; p < pieces; p++)
            {
                if (p > 0)
                {
                    sb.Append(Separators[random.Next(Separators.Length)]);
                }

                switch (random.Next(12))
                {
                    case 0:
                        AppendDigits(sb, random);
                        break;
                    case 1:
                        AppendRandomScalars(sb, random);
                        break;
                    case 2:
                        AppendWhitespaceRun(sb, random);
                        break;
                    default:
                        sb.Append(Fragments[random.Next(Fragments.Length)]);
                        break;
                }
            }

            if (kind == 3 && random.Next(4) == 0)
            {
                AppendLongPiece(sb, random);
            }

            string s = sb.ToString();
            if (kind == 1 && !HasLoneSurrogate(s))
            {
                s = s.Normalize(NormalizationForm.FormD);
            }
            else if (kind == 2)
            {
                s = random.Next(2) == 0 ? s.ToUpperInvariant() : s.ToLowerInvariant();
            }

            corpus.Add(s);
        }

        return corpus;
    }

    public static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What decoding should give back: lone surrogates replaced by U+FFFD, then NFC.</summary>
    public static string Expected(string s)
    {
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars).Normalize(NormalizationForm.FormC);
    }

    /// <summary>Escapes a string for a failure message (every non-printable-ASCII UTF-16 unit as \uXXXX).</summary>
    public static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            if (c is >= ' ' and < '\u007F' and not '"' and not '\\')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Writes the strings as a JSON array; lone surrogates survive as \uXXXX escapes.</summary>
    public static void WriteJson(string path, IEnumerable<string> strings)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write('[');
        bool first = true;
        foreach (string s in strings)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            writer.Write('"');
            writer.Write(Escape(s));
            writer.Write('"');
        }

        writer.Write(']');
    }

    private static void AppendDigits(StringBuilder sb, Random random)
    {
        int length = 1 + random.Next(16);
        for (int i = 0; i < length; i++)
        {
            sb.Append((char)('0' + random.Next(10)));
            if (random.Next(8) == 0)
            {
                sb.Append(",.' "[random.Next(4)]);
            }
        }
    }

    // Pieces longer than the tokenizer's long-word threshold: a run of letters (Latin, CJK, Hangul, astral) or a
    // run of punctuation and emoji, never broken by a character of the other kind.
    private static void AppendLongPiece(StringBuilder sb, Random random)
    {
        string[][] kinds =
        [
            ["日本語", "abcxyz", "é", "Straße", "𝐀𝐛", "한국", "ﬁ", "Ωμέγα", "a", "aa"],
            ["=-", "!?", "😀👍🏽", "..", "=", "—", "(", "*", "🇫🇷"],
        ];
        string[] units = kinds[random.Next(kinds.Length)];
        string unit = units[random.Next(units.Length)];
        int length = 260 + random.Next(2000);
        sb.Append(' ');
        while (length > 0)
        {
            string next = random.Next(6) == 0 ? units[random.Next(units.Length)] : unit;
            sb.Append(next);
            length -= next.Length;
        }
    }

    private static void AppendWhitespaceRun(StringBuilder sb, Random random)
    {
        const string Spaces = " \t\n\r\u00A0\u3000\u2009\u000B\u000C";
        int length = 1 + random.Next(6);
        for (int i = 0; i < length; i++)
        {
            sb.Append(Spaces[random.Next(Spaces.Length)]);
        }
    }

    // Code point blocks assigned long ago (stable across the Unicode versions of .NET and Oniguruma).
    private static readonly (int Start, int End)[] Blocks =
    [
        (0x0041, 0x007A), (0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x0590, 0x05FF), (0x0600, 0x06FF),
        (0x0900, 0x097F), (0x0E00, 0x0E7F), (0x16A0, 0x16F0), (0x2000, 0x206F), (0x20A0, 0x20B9), (0x2100, 0x214F),
        (0x3040, 0x30FF), (0x4E00, 0x9FA5), (0xAC00, 0xD7A3), (0xFF01, 0xFF9F), (0x10400, 0x1044F), (0x1D400, 0x1D7FF),
        (0x1F600, 0x1F64F), (0x20000, 0x2A6D6),
    ];

    private static void AppendRandomScalars(StringBuilder sb, Random random)
    {
        var (start, end) = Blocks[random.Next(Blocks.Length)];
        int length = 1 + random.Next(8);
        for (int i = 0; i < length; i++)
        {
            int cp = start + random.Next(end - start + 1);
            sb.Append(char.ConvertFromUtf32(cp));
        }
    }
}
