using System.Text.Json;

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

    private static TokenizerDefinition Parse(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "the top level is not a JSON object");
        }

        if (!root.TryGetProperty("model", out JsonElement model) || model.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "it has no \"model\" object");
        }

        string? modelType = OptionalString(model, "type");
        if (modelType is not null && modelType != "BPE")
        {
            throw Unsupported(path, $"the model type is '{modelType}', expected 'BPE'");
        }

        if (model.TryGetProperty("byte_fallback", out JsonElement byteFallback) && byteFallback.ValueKind == JsonValueKind.True)
        {
            throw Unsupported(path, "byte_fallback is on (a SentencePiece-style BPE, not byte-level)");
        }

        if (!string.IsNullOrEmpty(OptionalString(model, "continuing_subword_prefix"))
            || !string.IsNullOrEmpty(OptionalString(model, "end_of_word_suffix")))
        {
            throw Unsupported(path, "the BPE uses a subword prefix or word suffix");
        }

        if (model.TryGetProperty("dropout", out JsonElement dropout) && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() != 0)
        {
            throw Unsupported(path, "BPE dropout is set");
        }

        if (!model.TryGetProperty("vocab", out JsonElement vocabElement) || vocabElement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "model.vocab is missing or not an object");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonProperty entry in vocabElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out int id) || id < 0)
            {
                throw Invalid(path, $"the vocabulary entry '{entry.Name}' has no valid id");
            }

            vocabulary[entry.Name] = id;
        }

        if (vocabulary.Count == 0)
        {
            throw Invalid(path, "model.vocab is empty");
        }

        if (!model.TryGetProperty("merges", out JsonElement mergesElement) || mergesElement.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, "model.merges is missing or not an array");
        }

        var merges = new List<string>(mergesElement.GetArrayLength());
        foreach (JsonElement merge in mergesElement.EnumerateArray())
        {
            string line;
            if (merge.ValueKind == JsonValueKind.String)
            {
                line = merge.GetString()!;
                if (line.Split(' ').Length != 2)
                {
                    throw Invalid(path, $"the merge '{line}' is not two tokens separated by one space");
                }
            }
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
            {
                string left = merge[0].GetString()!;
                string right = merge[1].GetString()!;
                if (left.Contains(' ') || right.Contains(' '))
                {
                    throw Unsupported(path, $"the merge ['{left}', '{right}'] contains a space, which byte-level BPE never produces");
                }

                line = left + " " + right;
            }
            else
            {
                throw Invalid(path, "a merge is neither a string nor a pair of strings");
            }

            merges.Add(line);
        }

        bool nfc = ReadNormalizer(path, root);
        CheckPreTokenizer(path, root);
        CheckDecoder(path, root);

        var addedTokens = new List<AddedToken>();
        if (root.TryGetProperty("added_tokens", out JsonElement added) && added.ValueKind != JsonValueKind.Null)
        {
            if (added.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, "added_tokens is not an array");
            }

            foreach (JsonElement token in added.EnumerateArray())
            {
                if (!token.TryGetProperty("id", out JsonElement idElement) || !idElement.TryGetInt32(out int id) || id < 0
                    || OptionalString(token, "content") is not { Length: > 0 } content)
                {
                    throw Invalid(path, "an added token lacks a valid id or content");
                }

                addedTokens.Add(new AddedToken(
                    id,
                    content,
                    Special: Flag(token, "special"),
                    Normalized: Flag(token, "normalized"),
                    LStrip: Flag(token, "lstrip"),
                    RStrip: Flag(token, "rstrip"),
                    SingleWord: Flag(token, "single_word")));
            }
        }

        return new TokenizerDefinition(vocabulary, merges, addedTokens, nfc);
    }

    private static bool ReadNormalizer(string path, JsonElement root)
    {
        if (!root.TryGetProperty("normalizer", out JsonElement normalizer) || normalizer.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        string? type = OptionalString(normalizer, "type");
        if (type == "NFC")
        {
            return true;
        }

        if (type == "Sequence" && normalizer.TryGetProperty("normalizers", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            bool any = false;
            foreach (JsonElement item in list.EnumerateArray())
            {
                if (OptionalString(item, "type") != "NFC")
                {
                    throw Unsupported(path, $"the normalizer '{OptionalString(item, "type")}' is not supported (only NFC)");
                }

                any = true;
            }

            return any;
        }

        throw Unsupported(path, $"the normalizer '{type}' is not supported (only NFC)");
    }

    private static void CheckPreTokenizer(string path, JsonElement root)
    {
        const string Expected = "a Sequence of Split (the Qwen2 pattern, Isolated) and ByteLevel (use_regex false)";
        if (!root.TryGetProperty("pre_tokenizer", out JsonElement pre) || OptionalString(pre, "type") != "Sequence"
            || !pre.TryGetProperty("pretokenizers", out JsonElement list) || list.ValueKind != JsonValueKind.Array
            || list.GetArrayLength() != 2)
        {
            throw Unsupported(path, $"the pre_tokenizer is not {Expected}");
        }

        JsonElement split = list[0];
        JsonElement byteLevel = list[1];
        string? pattern = split.TryGetProperty("pattern", out JsonElement p) && p.ValueKind == JsonValueKind.Object
            ? OptionalString(p, "Regex")
            : null;
        bool splitOk = OptionalString(split, "type") == "Split"
            && pattern == QwenPreTokenizer.Pattern
            && OptionalString(split, "behavior") == "Isolated"
            && !Flag(split, "invert");
        bool byteLevelOk = OptionalString(byteLevel, "type") == "ByteLevel"
            && !Flag(byteLevel, "add_prefix_space")
            && !Flag(byteLevel, "use_regex");
        if (!splitOk || !byteLevelOk)
        {
            throw Unsupported(path, $"the pre_tokenizer is not {Expected}");
        }
    }

    private static void CheckDecoder(string path, JsonElement root)
    {
        if (!root.TryGetProperty("decoder", out JsonElement decoder) || OptionalString(decoder, "type") != "ByteLevel")
        {
            throw Unsupported(path, "the decoder is not ByteLevel");
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    private static TokenizerException Invalid(string path, string problem, Exception? inner = null) =>
        new(TokenizerErrorCodes.Invalid, $"The tokenizer file '{path}' is malformed: {problem}.", inner);

    private static TokenizerException Unsupported(string path, string problem) =>
        new(TokenizerErrorCodes.Unsupported, $"The tokenizer file '{path}' is not a Qwen2 byte-level BPE tokenizer: {problem}.");
}
