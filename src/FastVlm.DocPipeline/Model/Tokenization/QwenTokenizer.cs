using System.Buffers;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>
/// Qwen2 byte-level BPE tokenizer read from a Hugging Face <c>tokenizer.json</c>, producing the same ids as
/// Hugging Face <c>tokenizers</c>: added tokens are split out first, every other piece is NFC-normalised,
/// split by <see cref="QwenPreTokenizer"/>, mapped to bytes and merged by BPE. No BOS/EOS is added.
/// Thread-safe: one instance can serve concurrent callers.
/// </summary>
/// <remarks>
/// BPE merging, the byte-level mapping and the per-word cache are Microsoft.ML.Tokenizers'
/// <see cref="BpeTokenizer"/>. Added-token splitting, normalisation and decoding are done here, because the
/// library normalises the whole text before it looks for special tokens (NFC can fuse a token's last
/// character with a following combining mark, e.g. <c>&gt;</c> + U+0338 = U+226F) and its decoder lacks the
/// reference's rule for tokens whose characters are not all in the byte alphabet. Pieces longer than
/// <see cref="LongWordBpe.Threshold"/> characters are merged by <see cref="LongWordBpe"/> (the library's BPE is
/// far slower than the reference on them).
/// </remarks>
public sealed class QwenTokenizer
{
    private readonly BpeTokenizer _bpe;
    private readonly LongWordBpe? _longWordBpe;
    private readonly AddedTokenMatcher _rawMatcher;
    private readonly AddedTokenMatcher _normalizedMatcher;
    private readonly Dictionary<string, int> _tokenToId;
    private readonly string?[] _idToToken;
    private readonly AddedToken?[] _addedById;
    private readonly bool _nfc;

    private QwenTokenizer(
        string sourcePath,
        BpeTokenizer bpe,
        LongWordBpe? longWordBpe,
        Dictionary<string, int> tokenToId,
        string?[] idToToken,
        IReadOnlyList<AddedToken> addedTokens,
        bool nfc)
    {
        SourcePath = sourcePath;
        _bpe = bpe;
        _longWordBpe = longWordBpe;
        _tokenToId = tokenToId;
        _idToToken = idToToken;
        _nfc = nfc;
        AddedTokens = addedTokens;
        _addedById = new AddedToken?[idToToken.Length];
        foreach (AddedToken token in addedTokens)
        {
            _addedById[token.Id] = token;
        }

        _rawMatcher = new AddedTokenMatcher(addedTokens.Where(t => !t.Normalized));
        _normalizedMatcher = new AddedTokenMatcher(addedTokens.Where(t => t.Normalized));
    }

    /// <summary>The file this tokenizer was read from.</summary>
    public string SourcePath { get; }

    /// <summary>The added tokens (special and not), in file order.</summary>
    public IReadOnlyList<AddedToken> AddedTokens { get; }

    /// <summary>Highest token id + 1, added tokens included (not the embedding table size: read that from the model).</summary>
    internal int VocabularySize => _idToToken.Length;

    /// <summary>Reads <c>tokenizer.json</c> from a model directory.</summary>
    public static QwenTokenizer FromModelDirectory(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        return FromFile(Path.Combine(modelDirectory, "tokenizer.json"));
    }

    /// <summary>Reads a Hugging Face <c>tokenizer.json</c>.</summary>
    /// <exception cref="TokenizerException">The file is missing, malformed or describes another pipeline.</exception>
    public static QwenTokenizer FromFile(string tokenizerJsonPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenizerJsonPath);
        string path = Path.GetFullPath(tokenizerJsonPath);
        TokenizerDefinition definition = TokenizerDefinition.Load(path);

        BpeTokenizer bpe;
        try
        {
            bpe = BpeTokenizer.Create(new BpeOptions(definition.Vocabulary)
            {
                Merges = definition.Merges,
                ByteLevel = true,
                PreTokenizer = QwenPreTokenizer.Instance,
            });
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new TokenizerException(
                TokenizerErrorCodes.Invalid,
                $"The tokenizer file '{path}' has an invalid vocabulary or merge list: {e.Message}",
                e);
        }

        int size = 0;
        foreach (KeyValuePair<string, int> entry in definition.Vocabulary)
        {
            size = Math.Max(size, entry.Value + 1);
        }

        foreach (AddedToken token in definition.AddedTokens)
        {
            size = Math.Max(size, token.Id + 1);
        }

        var idToToken = new string?[size];
        var tokenToId = new Dictionary<string, int>(definition.Vocabulary.Count + definition.AddedTokens.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, int> entry in definition.Vocabulary)
        {
            idToToken[entry.Value] = entry.Key;
            tokenToId[entry.Key] = entry.Value;
        }

        foreach (AddedToken token in definition.AddedTokens)
        {
            idToToken[token.Id] = token.Content;
            tokenToId[token.Content] = token.Id;
        }

        return new QwenTokenizer(path, bpe, LongWordBpe.Create(definition.Vocabulary, definition.Merges), tokenToId, idToToken, definition.AddedTokens, definition.Nfc);
    }

    /// <summary>Encodes <paramref name="text"/> to token ids (no special tokens are added).</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        Encode(text.AsSpan(), ids);
        return ids.ToArray();
    }

    /// <summary>Appends the token ids of <paramref name="text"/> to <paramref name="ids"/> (no special tokens are added).</summary>
    public void Encode(ReadOnlySpan<char> text, List<int> ids) => Encode(text, ids, wordStarts: null);

    /// <summary>
    /// As <see cref="Encode(ReadOnlySpan{char}, List{int})"/>, also recording for each id whether it starts a new
    /// pre-tokenizer piece (or is an added token): lets tests compare the split itself with the reference.
    /// </summary>
    internal void Encode(ReadOnlySpan<char> text, List<int> ids, List<bool>? wordStarts)
    {
        ArgumentNullException.ThrowIfNull(ids);
        string? repaired = ReplaceLoneSurrogates(text);
        ReadOnlySpan<char> s = repaired is null ? text : repaired.AsSpan();

        int position = 0;
        while (position < s.Length)
        {
            if (!_rawMatcher.TryFindNext(s, position, out int start, out int end, out AddedToken? token))
            {
                EncodeNormalizable(s[position..], ids, wordStarts);
                break;
            }

            EncodeNormalizable(s[position..start], ids, wordStarts);
            ids.Add(token!.Id);
            wordStarts?.Add(true);
            position = end;
        }
    }

    /// <summary>
    /// Decodes ids to text as Hugging Face's byte-level decoder does (invalid UTF-8 becomes U+FFFD).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary.</exception>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, ids.Length * 8));
        int length = 0;
        try
        {
            foreach (int id in ids)
            {
                string token = GetTokenOrThrow(id);
                if (skipSpecialTokens && _addedById[id] is { Special: true })
                {
                    continue;
                }

                int needed = Encoding.UTF8.GetMaxByteCount(token.Length);
                if (length + needed > buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + needed));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                length += ByteLevelAlphabet.TokenToBytes(token, buffer.AsSpan(length));
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Decodes ids to text as <see cref="Decode(ReadOnlySpan{int}, bool)"/> does and writes where each id's text lies in it
    /// (<paramref name="spans"/> must hold one span per id). Called once per answer, after generation.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary.</exception>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens, Span<TokenTextSpan> spans)
    {
        if (spans.Length != ids.Length)
        {
            throw new ArgumentException($"Expected one span per id ({ids.Length}), got {spans.Length}.", nameof(spans));
        }

        var bytes = new List<byte>(ids.Length * 4);
        var byteEnds = new int[ids.Length];
        Span<byte> scratch = stackalloc byte[256];
        for (var i = 0; i < ids.Length; i++)
        {
            string token = GetTokenOrThrow(ids[i]);
            if (!(skipSpecialTokens && _addedById[ids[i]] is { Special: true }))
            {
                var target = Encoding.UTF8.GetMaxByteCount(token.Length) <= scratch.Length ? scratch : new byte[Encoding.UTF8.GetMaxByteCount(token.Length)];
                var written = ByteLevelAlphabet.TokenToBytes(token, target);
                foreach (var b in target[..written])
                {
                    bytes.Add(b);
                }
            }

            byteEnds[i] = bytes.Count;
        }

        var utf8 = bytes.ToArray();
        var text = Encoding.UTF8.GetString(utf8);
        var (charStarts, charEnds) = CharactersOfBytes(utf8);
        var byteStart = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var byteEnd = byteEnds[i];
            spans[i] = byteEnd == byteStart
                ? new TokenTextSpan(byteStart < utf8.Length ? charStarts[byteStart] : text.Length, 0)
                : new TokenTextSpan(charStarts[byteStart], charEnds[byteEnd - 1] - charStarts[byteStart]);
            byteStart = byteEnd;
        }

        return text;
    }

    /// <summary>For each byte, the first and one-past-last UTF-16 index of the character it decodes into (invalid bytes decode to U+FFFD, as in <see cref="Encoding.UTF8"/>).</summary>
    private static (int[] Starts, int[] Ends) CharactersOfBytes(byte[] utf8)
    {
        var starts = new int[utf8.Length];
        var ends = new int[utf8.Length];
        var position = 0;
        var chars = 0;
        while (position < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8.AsSpan(position), out var rune, out var consumed);
            var length = status == System.Buffers.OperationStatus.Done ? rune.Utf16SequenceLength : 1;
            for (var k = position; k < position + consumed; k++)
            {
                starts[k] = chars;
                ends[k] = chars + length;
            }

            chars += length;
            position += consumed;
        }

        return (starts, ends);
    }

    /// <inheritdoc cref="Decode(ReadOnlySpan{int}, bool)"/>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Decode(ids is int[] array ? array : ids.ToArray(), skipSpecialTokens);
    }

    /// <summary>The id of a vocabulary entry or added token, or null.</summary>
    internal int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _tokenToId.TryGetValue(token, out int id) ? id : null;
    }

    /// <summary>The added token with this content, or null.</summary>
    internal AddedToken? FindAddedToken(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return _tokenToId.TryGetValue(content, out int id) ? _addedById[id] : null;
    }

    /// <summary>The id of an added token (for example <c>&lt;|im_start|&gt;</c>).</summary>
    /// <exception cref="TokenizerException">Code <c>tokenizer.missing_token</c> when it is not an added token.</exception>
    public int GetAddedTokenId(string content)
    {
        return FindAddedToken(content)?.Id ?? throw new TokenizerException(
            TokenizerErrorCodes.MissingToken,
            $"The tokenizer '{SourcePath}' has no added token '{content}'; the model directory's tokenizer.json does not belong to this model.");
    }

    /// <summary>True when <paramref name="id"/> is an added token flagged <c>special</c>.</summary>
    internal bool IsSpecialToken(int id) => (uint)id < (uint)_addedById.Length && _addedById[id] is { Special: true };

    private void EncodeNormalizable(ReadOnlySpan<char> segment, List<int> ids, List<bool>? wordStarts)
    {
        if (segment.IsEmpty)
        {
            return;
        }

        ReadOnlySpan<char> normalized = _nfc ? Nfc(segment) : segment;
        if (_normalizedMatcher.IsEmpty)
        {
            EncodeWords(normalized, ids, wordStarts);
            return;
        }

        int position = 0;
        while (position < normalized.Length)
        {
            if (!_normalizedMatcher.TryFindNext(normalized, position, out int start, out int end, out AddedToken? token))
            {
                EncodeWords(normalized[position..], ids, wordStarts);
                break;
            }

            EncodeWords(normalized[position..start], ids, wordStarts);
            ids.Add(token!.Id);
            wordStarts?.Add(true);
            position = end;
        }
    }

    private void EncodeWords(ReadOnlySpan<char> text, List<int> ids, List<bool>? wordStarts)
    {
        if (text.IsEmpty)
        {
            return;
        }

        // A segment this short cannot hold a long piece: let the library pre-tokenize and merge it in one call.
        if (wordStarts is null && (text.Length <= LongWordBpe.Threshold || _longWordBpe is null))
        {
            ids.AddRange(_bpe.EncodeToIds(text, considerPreTokenization: true, considerNormalization: false));
            return;
        }

        var pieces = new List<(int Offset, int Length)>();
        QwenPreTokenizer.Split(text, pieces);
        if (wordStarts is null)
        {
            // Runs of ordinary pieces go to the library in one call (re-splitting a run that starts and ends on
            // piece boundaries yields the same pieces); long pieces go to LongWordBpe.
            int runStart = 0;
            foreach ((int offset, int length) in pieces)
            {
                if (length <= LongWordBpe.Threshold)
                {
                    continue;
                }

                if (offset > runStart)
                {
                    ids.AddRange(_bpe.EncodeToIds(text[runStart..offset], considerPreTokenization: true, considerNormalization: false));
                }

                _longWordBpe!.Encode(text.Slice(offset, length), ids);
                runStart = offset + length;
            }

            if (runStart < text.Length)
            {
                ids.AddRange(_bpe.EncodeToIds(text[runStart..], considerPreTokenization: true, considerNormalization: false));
            }

            return;
        }

        foreach ((int offset, int length) in pieces)
        {
            ReadOnlySpan<char> piece = text.Slice(offset, length);
            int first = ids.Count;
            if (length > LongWordBpe.Threshold && _longWordBpe is not null)
            {
                _longWordBpe.Encode(piece, ids);
            }
            else
            {
                ids.AddRange(_bpe.EncodeToIds(piece, considerPreTokenization: false, considerNormalization: false));
            }

            for (int i = first; i < ids.Count; i++)
            {
                wordStarts.Add(i == first);
            }
        }
    }

    private static ReadOnlySpan<char> Nfc(ReadOnlySpan<char> text)
    {
        // Every scalar below U+0300 is NFC-stable and cannot compose with a neighbour.
        if (!text.ContainsAnyExceptInRange('\0', '\u02FF') || text.IsNormalized(NormalizationForm.FormC))
        {
            return text;
        }

        return text.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string? ReplaceLoneSurrogates(ReadOnlySpan<char> text)
    {
        int firstBad = IndexOfLoneSurrogate(text, 0);
        if (firstBad < 0)
        {
            return null;
        }

        char[] copy = text.ToArray();
        for (int i = firstBad; i >= 0; i = IndexOfLoneSurrogate(copy, i + 1))
        {
            copy[i] = '\uFFFD';
        }

        return new string(copy);
    }

    private static int IndexOfLoneSurrogate(ReadOnlySpan<char> text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    private string GetTokenOrThrow(int id)
    {
        if ((uint)id >= (uint)_idToToken.Length || _idToToken[id] is not { } token)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id {id} is not in the vocabulary of '{SourcePath}'.");
        }

        return token;
    }
}
