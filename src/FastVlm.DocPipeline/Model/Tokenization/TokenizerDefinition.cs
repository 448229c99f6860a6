using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Configuration;

namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>The parts of a Hugging Face <c>tokenizer.json</c> a Qwen2 byte-level BPE tokenizer needs, validated.</summary>
internal sealed class TokenizerDefinition
{
    private TokenizerDefinition(
        Dictionary<string, int> vocabulary,
        List<string> merges,
        List<AddedToken> addedTokens,
        bool nfc)
    {
        Vocabulary = vocabulary;
        Merges = merges;
        AddedTokens = addedTokens;
        Nfc = nfc;
    }

    public Dictionary<string, int> Vocabulary { get; }

    /// <summary>Merges as "left right" lines, highest priority first.</summary>
    public List<string> Merges { get; }

    public List<AddedToken> AddedTokens { get; }

    public bool Nfc { get; }

    public static TokenizerDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new TokenizerException(
                TokenizerErrorCodes.Missing,
                $"The tokenizer file '{path}' does not exist. A model directory needs the tokenizer.json of its export.");
        }

        JsonDocument document;
        try
        {
            using FileStream stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not valid JSON ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new TokenizerException(TokenizerErrorCodes.Missing, $"The tokenizer file '{path}' could not be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TokenizerException(TokenizerErrorCodes.Missing, $"The tokenizer file '{path}' could not be read: {e.Message}", e);
        }

        using (document)
        {
            try
            {
                return Parse(path, document.RootElement);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
            {
                throw Invalid(path, $"a value has the wrong type ({e.Message})", e);
            }
        }
    }

    private static TokenizerDefinition Parse(string path, JsonElement document)
    {
        var root = JsonConfigReader.Root(document, (location, problem) => throw Invalid(path, $"{location}: {problem}"));
        if (root.Kind != JsonValueKind.Object)
        {
            throw Invalid(path, "the top level is not a JSON object");
        }

        if (!root.TryGet("model", out var model) || model.Kind != JsonValueKind.Object)
        {
            throw Invalid(path, "it has no \"model\" object");
        }

        string? modelType = model.PeekString("type");
        if (modelType is not null && modelType != "BPE")
        {
            throw Unsupported(path, $"the model type is '{modelType}', expected 'BPE'");
        }

        if (model.IsTrue("byte_fallback"))
        {
            throw Unsupported(path, "byte_fallback is on (a SentencePiece-style BPE, not byte-level)");
        }

        if (!string.IsNullOrEmpty(model.PeekString("continuing_subword_prefix"))
            || !string.IsNullOrEmpty(model.PeekString("end_of_word_suffix")))
        {
            throw Unsupported(path, "the BPE uses a subword prefix or word suffix");
        }

        if (model.PeekNumber("dropout") is { } dropout && dropout != 0)
        {
            throw Unsupported(path, "BPE dropout is set");
        }

        var vocabulary = ReadVocabulary(path, model);
        var merges = ReadMerges(path, model);
        bool nfc = ReadNormalizer(path, root);
        CheckPreTokenizer(path, root);
        CheckDecoder(path, root);
        return new TokenizerDefinition(vocabulary, merges, ReadAddedTokens(root), nfc);
    }

    private static Dictionary<string, int> ReadVocabulary(string path, JsonConfigReader model)
    {
        if (!model.TryGet("vocab", out var vocab) || vocab.Kind != JsonValueKind.Object)
        {
            throw Invalid(path, "model.vocab is missing or not an object");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, id) in vocab.Properties())
        {
            vocabulary[token] = id.AsInteger(min: 0) ?? throw Invalid(path, $"the vocabulary entry '{token}' has no valid id");
        }

        if (vocabulary.Count == 0)
        {
            throw Invalid(path, "model.vocab is empty");
        }

        return vocabulary;
    }

    private static List<string> ReadMerges(string path, JsonConfigReader model)
    {
        if (!model.TryGet("merges", out var list) || list.Kind != JsonValueKind.Array)
        {
            throw Invalid(path, "model.merges is missing or not an array");
        }

        var merges = new List<string>(list.Element.GetArrayLength());
        foreach (var merge in list.Items())
        {
            string line;
            if (merge.Kind == JsonValueKind.String)
            {
                line = merge.Element.GetString()!;
                if (line.Split(' ').Length != 2)
                {
                    throw Invalid(path, $"{merge.Location}: the merge '{line}' is not two tokens separated by one space");
                }
            }
            else if (merge.Kind == JsonValueKind.Array && merge.Element.GetArrayLength() == 2)
            {
                string left = merge.Element[0].GetString()!;
                string right = merge.Element[1].GetString()!;
                if (left.Contains(' ') || right.Contains(' '))
                {
                    throw Unsupported(path, $"the merge ['{left}', '{right}'] contains a space, which byte-level BPE never produces");
                }

                line = left + " " + right;
            }
            else
            {
                throw Invalid(path, $"{merge.Location}: a merge is neither a string nor a pair of strings");
            }

            merges.Add(line);
        }

        return merges;
    }

    private static List<AddedToken> ReadAddedTokens(JsonConfigReader root)
    {
        var addedTokens = new List<AddedToken>();
        if (!root.TryGet("added_tokens", out var added) || added.Kind == JsonValueKind.Null)
        {
            return addedTokens;
        }

        if (added.Kind != JsonValueKind.Array)
        {
            added.Report($"expected an array, got {JsonConfigReader.Describe(added.Element)}");
        }

        foreach (var token in added.Items())
        {
            var id = token.Integer("id", min: 0, required: true);
            var content = token.PeekString("content");
            if (content is not { Length: > 0 })
            {
                token.ReportAt("content", "missing or empty (an added token needs its text)");
            }

            addedTokens.Add(new AddedToken(
                id ?? -1,
                content ?? "",
                Special: token.IsTrue("special"),
                Normalized: token.IsTrue("normalized"),
                LStrip: token.IsTrue("lstrip"),
                RStrip: token.IsTrue("rstrip"),
                SingleWord: token.IsTrue("single_word")));
        }

        return addedTokens;
    }

    private static bool ReadNormalizer(string path, JsonConfigReader root)
    {
        if (!root.TryGet("normalizer", out var normalizer) || normalizer.Kind == JsonValueKind.Null)
        {
            return false;
        }

        string? type = normalizer.PeekString("type");
        if (type == "NFC")
        {
            return true;
        }

        if (type == "Sequence" && normalizer.TryGet("normalizers", out var list) && list.Kind == JsonValueKind.Array)
        {
            bool any = false;
            foreach (var item in list.Items())
            {
                if (item.PeekString("type") != "NFC")
                {
                    throw Unsupported(path, $"the normalizer '{item.PeekString("type")}' is not supported (only NFC)");
                }

                any = true;
            }

            return any;
        }

        throw Unsupported(path, $"the normalizer '{type}' is not supported (only NFC)");
    }

    private static void CheckPreTokenizer(string path, JsonConfigReader root)
    {
        const string Expected = "a Sequence of Split (the Qwen2 pattern, Isolated) and ByteLevel (use_regex false)";
        if (!root.TryGet("pre_tokenizer", out var pre) || pre.PeekString("type") != "Sequence"
            || !pre.TryGet("pretokenizers", out var list) || list.Kind != JsonValueKind.Array
            || list.Element.GetArrayLength() != 2)
        {
            throw Unsupported(path, $"the pre_tokenizer is not {Expected}");
        }

        var steps = list.Items().ToArray();
        var split = steps[0];
        var byteLevel = steps[1];
        string? pattern = split.TryGet("pattern", out var p) && p.Kind == JsonValueKind.Object ? p.PeekString("Regex") : null;
        bool splitOk = split.PeekString("type") == "Split"
            && pattern == QwenPreTokenizer.Pattern
            && split.PeekString("behavior") == "Isolated"
            && !split.IsTrue("invert");
        bool byteLevelOk = byteLevel.PeekString("type") == "ByteLevel"
            && !byteLevel.IsTrue("add_prefix_space")
            && !byteLevel.IsTrue("use_regex");
        if (!splitOk || !byteLevelOk)
        {
            throw Unsupported(path, $"the pre_tokenizer is not {Expected}");
        }
    }

    private static void CheckDecoder(string path, JsonConfigReader root)
    {
        if (!root.TryGet("decoder", out var decoder) || decoder.PeekString("type") != "ByteLevel")
        {
            throw Unsupported(path, "the decoder is not ByteLevel");
        }
    }

    private static TokenizerException Invalid(string path, string problem, Exception? inner = null) =>
        new(TokenizerErrorCodes.Invalid, $"The tokenizer file '{path}' is malformed: {problem}.", inner);

    private static TokenizerException Unsupported(string path, string problem) =>
        new(TokenizerErrorCodes.Unsupported, $"The tokenizer file '{path}' is not a Qwen2 byte-level BPE tokenizer: {problem}.");
}
