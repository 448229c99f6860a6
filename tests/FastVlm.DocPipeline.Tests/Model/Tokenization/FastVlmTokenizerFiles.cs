using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Model.Tokenization;

/// <summary>
/// A FastVLM-style tokenizer directory built once per test run from the real Qwen vocabulary: Qwen3's added
/// tokens from 151646 up are dropped and <c>&lt;image&gt;</c> is added as special token 151646, plus a
/// tokenizer_config.json carrying the Qwen2 chat template.
/// </summary>
internal static class FastVlmTokenizerFiles
{
    public const string QwenTokenizerSha256 = "aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4";

    public const int ImageTokenId = 151646;

    /// <summary>The Qwen2 default chat template (as shipped in Qwen2 / FastVLM tokenizer_config.json files).</summary>
    public const string Qwen2ChatTemplate =
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
        + "{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}{% endif %}"
        + "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    private static readonly Lazy<string> LazyDirectory = new(Build);

    private static readonly Lazy<FastVlm.DocPipeline.Model.Tokenization.QwenTokenizer> LazyTokenizer =
        new(() => FastVlm.DocPipeline.Model.Tokenization.QwenTokenizer.FromFile(TokenizerJson));

    public static string Directory => LazyDirectory.Value;

    public static string TokenizerJson => Path.Combine(Directory, "tokenizer.json");

    /// <summary>One tokenizer loaded from <see cref="TokenizerJson"/>, shared by the tests (it is thread-safe).</summary>
    public static FastVlm.DocPipeline.Model.Tokenization.QwenTokenizer Tokenizer => LazyTokenizer.Value;

    private static string Build()
    {
        string source = RepoPaths.QwenTokenizerJson;
        byte[] bytes = File.ReadAllBytes(source);
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (hash != QwenTokenizerSha256)
        {
            throw new InvalidOperationException($"'{source}' has sha256 {hash}, expected {QwenTokenizerSha256}: reinstall tests/peers.");
        }

        JsonNode root = JsonNode.Parse(bytes)!;
        var added = root["added_tokens"]!.AsArray();
        var kept = new JsonArray();
        foreach (JsonNode? token in added)
        {
            if (token!["id"]!.GetValue<int>() < ImageTokenId)
            {
                kept.Add(token.DeepClone());
            }
        }

        kept.Add(new JsonObject
        {
            ["id"] = ImageTokenId,
            ["content"] = "<image>",
            ["single_word"] = false,
            ["lstrip"] = false,
            ["rstrip"] = false,
            ["normalized"] = false,
            ["special"] = true,
        });
        root["added_tokens"] = kept;

        var config = new JsonObject
        {
            ["add_bos_token"] = false,
            ["add_prefix_space"] = false,
            ["bos_token"] = null,
            ["chat_template"] = Qwen2ChatTemplate,
            ["clean_up_tokenization_spaces"] = false,
            ["eos_token"] = "<|im_end|>",
            ["errors"] = "replace",
            ["model_max_length"] = 32768,
            ["pad_token"] = "<|endoftext|>",
            ["split_special_tokens"] = false,
            ["tokenizer_class"] = "Qwen2Tokenizer",
            ["unk_token"] = null,
        };

        string dir = Path.Combine(Path.GetTempPath(), "fastvlm-tokenizer-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), root.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), config.ToJsonString());
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return dir;
    }
}
