using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Model.Configuration;
using Microsoft.ML.Tokenizers;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Stand-in until the exact Qwen tokenizer (Model/Tokenization) is merged: Microsoft.ML.Tokenizers' byte-level
/// BPE over <c>tokenizer.json</c> with the Qwen split regex and the added tokens as special tokens. Exact for
/// the ASCII prompts the engine's tests use; not for astral-plane text or NFC-sensitive input.
/// </summary>
internal static class InterimBpeTokenizer
{
    private const string SplitPattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static IPromptTokenizer Create(FastVlmModelConfig config)
    {
        var json = JsonConfigReader.Load(Path.Combine(config.Directory, FastVlmModelConfig.TokenizerFile));
        if (json.Root["model"] is not JsonObject model || model["vocab"] is not JsonObject vocab || model["merges"] is not JsonArray merges)
        {
            throw json.Bad("Expected a BPE 'model' with 'vocab' and 'merges'.");
        }

        var special = new Dictionary<string, int>();
        var specialIds = new HashSet<int>();
        foreach (var token in json.Root["added_tokens"] as JsonArray ?? [])
        {
            var content = token!["content"]!.GetValue<string>();
            var id = token["id"]!.GetValue<int>();
            special[content] = id;
            if (token["special"]?.GetValue<bool>() ?? true)
            {
                specialIds.Add(id);
            }
        }

        var options = new BpeOptions(vocab.Select(kv => new KeyValuePair<string, int>(kv.Key, kv.Value!.GetValue<int>())))
        {
            Merges = merges.Select(m => m is JsonArray pair ? $"{pair[0]!.GetValue<string>()} {pair[1]!.GetValue<string>()}" : m!.GetValue<string>()).ToArray(),
            ByteLevel = true,
            SpecialTokens = special,
            PreTokenizer = new RegexPreTokenizer(new Regex(SplitPattern, RegexOptions.Compiled), special),
        };
        var bpe = BpeTokenizer.Create(options);
        return new ChatPromptTokenizer(
            text => bpe.EncodeToIds(text).ToArray(),
            ids => bpe.Decode(ids.Where(id => !specialIds.Contains(id))),
            config.Processor.ImageToken);
    }
}
