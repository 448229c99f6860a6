using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>The JSON and text files of a Hugging Face model directory in the FastVLM ONNX export layout.</summary>
internal static class ModelConfigFiles
{
    public const string ChatTemplate =
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}" +
        "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}" +
        "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}" +
        "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(string directory, SyntheticModelDimensions d, SyntheticTokenizer tokenizer, SyntheticModelPreset preset, ulong seed, CancellationToken cancellationToken)
    {
        var v = tokenizer.Vocabulary;
        await WriteJsonAsync(directory, "config.json", Config(d, v, preset, seed), cancellationToken).ConfigureAwait(false);
        await WriteJsonAsync(directory, "generation_config.json", new JsonObject
        {
            ["bos_token_id"] = v.EndOfTextId,
            ["eos_token_id"] = new JsonArray(v.ImEndId, v.EndOfTextId),
            ["pad_token_id"] = v.EndOfTextId,
            ["do_sample"] = false,
        }, cancellationToken).ConfigureAwait(false);
        await WriteJsonAsync(directory, "preprocessor_config.json", PreprocessorConfig(d.ImageSize), cancellationToken).ConfigureAwait(false);
        await WriteJsonAsync(directory, "processor_config.json", new JsonObject
        {
            ["image_token"] = "<image>",
            ["num_additional_image_tokens"] = 0,
            ["patch_size"] = 64,
            ["processor_class"] = "LlavaProcessor",
            ["vision_feature_select_strategy"] = "full",
        }, cancellationToken).ConfigureAwait(false);

        await File.WriteAllTextAsync(Path.Combine(directory, "tokenizer.json"), tokenizer.TokenizerJson.ToJsonString(Compact), cancellationToken).ConfigureAwait(false);
        var addedTokensDecoder = new JsonObject();
        var addedTokens = new JsonObject();
        foreach (var token in tokenizer.TokenizerJson["added_tokens"]!.AsArray())
        {
            var id = token!["id"]!.GetValue<int>();
            var clone = token.DeepClone().AsObject();
            clone.Remove("id");
            addedTokensDecoder[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = clone;
            addedTokens[token["content"]!.GetValue<string>()] = id;
        }
        await WriteJsonAsync(directory, "tokenizer_config.json", new JsonObject
        {
            ["add_bos_token"] = false,
            ["add_prefix_space"] = false,
            ["added_tokens_decoder"] = addedTokensDecoder,
            ["additional_special_tokens"] = new JsonArray("<|im_start|>", "<|im_end|>"),
            ["bos_token"] = null,
            ["chat_template"] = ChatTemplate,
            ["clean_up_tokenization_spaces"] = false,
            ["eos_token"] = "<|im_end|>",
            ["errors"] = "replace",
            ["model_max_length"] = d.MaxPositionEmbeddings,
            ["pad_token"] = "<|endoftext|>",
            ["processor_class"] = "LlavaProcessor",
            ["split_special_tokens"] = false,
            ["tokenizer_class"] = "Qwen2Tokenizer",
            ["unk_token"] = null,
        }, cancellationToken).ConfigureAwait(false);
        await WriteJsonAsync(directory, "added_tokens.json", addedTokens, cancellationToken).ConfigureAwait(false);
        await WriteJsonAsync(directory, "special_tokens_map.json", new JsonObject
        {
            ["additional_special_tokens"] = new JsonArray("<|im_start|>", "<|im_end|>"),
            ["eos_token"] = SpecialToken("<|im_end|>"),
            ["pad_token"] = SpecialToken("<|endoftext|>"),
        }, cancellationToken).ConfigureAwait(false);

        var vocab = new JsonObject();
        foreach (var (token, id) in tokenizer.BaseVocabulary())
        {
            vocab[token] = id;
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "vocab.json"), vocab.ToJsonString(Compact), cancellationToken).ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(directory, "merges.txt"), tokenizer.MergeLines().Prepend("#version: 0.2"), cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Config(SyntheticModelDimensions d, SyntheticVocabulary v, SyntheticModelPreset preset, ulong seed) => new()
    {
        ["architectures"] = new JsonArray("LlavaQwen2ForCausalLM"),
        ["model_type"] = "llava_qwen2",
        ["hidden_size"] = d.HiddenSize,
        ["intermediate_size"] = d.IntermediateSize,
        ["num_hidden_layers"] = d.NumLayers,
        ["num_attention_heads"] = d.NumHeads,
        ["num_key_value_heads"] = d.NumKeyValueHeads,
        ["head_dim"] = d.HeadDim,
        ["hidden_act"] = "silu",
        ["rms_norm_eps"] = d.RmsNormEps,
        ["rope_theta"] = d.RopeTheta,
        ["max_position_embeddings"] = d.MaxPositionEmbeddings,
        ["max_window_layers"] = d.NumLayers,
        ["use_sliding_window"] = false,
        ["sliding_window"] = d.MaxPositionEmbeddings,
        ["attention_dropout"] = 0.0,
        ["initializer_range"] = 0.02,
        ["tie_word_embeddings"] = false,
        ["torch_dtype"] = "float32",
        ["use_cache"] = true,
        ["vocab_size"] = v.Rows,
        ["bos_token_id"] = v.EndOfTextId,
        ["eos_token_id"] = v.ImEndId,
        ["pad_token_id"] = v.EndOfTextId,
        ["image_token_index"] = v.ImageTokenId,
        ["image_aspect_ratio"] = "pad",
        ["mm_hidden_size"] = d.ConvExpWidth,
        ["mm_projector_type"] = "mlp2x_gelu",
        ["mm_vision_tower"] = "mobileclip_l_" + d.ImageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["mm_vision_select_layer"] = -1,
        ["mm_use_im_start_end"] = false,
        ["mm_use_im_patch_token"] = false,
        ["synthetic"] = new JsonObject
        {
            ["preset"] = preset switch
            {
                SyntheticModelPreset.Tiny => "tiny",
                SyntheticModelPreset.TinyQwen => "tiny-qwen",
                _ => "full",
            },
            ["seed"] = seed,
            ["image_size"] = d.ImageSize,
            ["stage_widths"] = new JsonArray(d.StageWidths.Select(w => (JsonNode)w).ToArray()),
            ["stage_depths"] = new JsonArray(d.StageDepths.Select(w => (JsonNode)w).ToArray()),
            ["note"] = "Random weights from FastVlm.DocPipeline's synthetic generator: the layout of the public export, no trained weights.",
        },
    };

    private static JsonObject SpecialToken(string content) => new()
    {
        ["content"] = content,
        ["lstrip"] = false,
        ["normalized"] = false,
        ["rstrip"] = false,
        ["single_word"] = false,
    };

    private static Task WriteJsonAsync(string directory, string name, JsonObject json, CancellationToken cancellationToken)
        => File.WriteAllTextAsync(Path.Combine(directory, name), json.ToJsonString(Indented) + "\n", cancellationToken);

    /// <summary>The export's <c>preprocessor_config.json</c> (CLIPImageProcessor, no normalisation, bicubic) at <paramref name="imageSize"/>.</summary>
    internal static JsonObject PreprocessorConfig(int imageSize) => new()
    {
        ["crop_size"] = new JsonObject { ["height"] = imageSize, ["width"] = imageSize },
        ["do_center_crop"] = true,
        ["do_convert_rgb"] = true,
        ["do_normalize"] = false,
        ["do_rescale"] = true,
        ["do_resize"] = true,
        ["image_mean"] = new JsonArray(0.0, 0.0, 0.0),
        ["image_processor_type"] = "CLIPImageProcessor",
        ["image_std"] = new JsonArray(1.0, 1.0, 1.0),
        ["processor_class"] = "LlavaProcessor",
        ["resample"] = 3,
        ["rescale_factor"] = 0.00392156862745098,
        ["size"] = new JsonObject { ["shortest_edge"] = imageSize },
    };
}
