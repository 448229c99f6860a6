using System.Text.Json;
using FastVlm.DocPipeline.Synthetic;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

public class SyntheticModelGeneratorTests : IClassFixture<TinySyntheticModelFixture>
{
    private static readonly string[] ExpectedFiles =
    [
        "config.json", "generation_config.json", "preprocessor_config.json", "processor_config.json",
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt",
        "onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx", "onnx/decoder_model_merged.onnx",
        "onnx/vision_encoder_fp16.onnx", "onnx/embed_tokens_fp16.onnx", "onnx/decoder_model_merged_fp16.onnx",
    ];

    private readonly TinySyntheticModelFixture _model;

    public SyntheticModelGeneratorTests(TinySyntheticModelFixture model) => _model = model;

    private SyntheticModelDimensions Dims => _model.Result.Dimensions;

    [Fact]
    public void Writes_every_file_of_the_export_layout_and_nothing_else()
    {
        _model.Result.FileSizes.Keys.Should().BeEquivalentTo(ExpectedFiles);
        _model.Result.FileSizes.Values.Should().OnlyContain(size => size > 0);
        _model.Result.TotalBytes.Should().BeLessThan(10L << 20, "the tiny preset is meant for tests");
    }

    [Fact]
    public void Configs_agree_with_the_tokenizer_ids()
    {
        using var config = ReadJson("config.json");
        using var tokenizer = ReadJson("tokenizer.json");
        var added = tokenizer.RootElement.GetProperty("added_tokens").EnumerateArray()
            .ToDictionary(t => t.GetProperty("content").GetString()!, t => t.GetProperty("id").GetInt32());
        added.Keys.Should().BeEquivalentTo(["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<image>"]);
        var vocabularySize = tokenizer.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject().Count();
        added.Values.Should().BeEquivalentTo(Enumerable.Range(vocabularySize, 4), "added ids follow the vocabulary");
        tokenizer.RootElement.GetProperty("model").GetProperty("merges").GetArrayLength().Should().BeGreaterThan(200);

        var root = config.RootElement;
        root.GetProperty("model_type").GetString().Should().Be("llava_qwen2");
        root.GetProperty("image_token_index").GetInt32().Should().Be(added["<image>"]);
        root.GetProperty("eos_token_id").GetInt32().Should().Be(added["<|im_end|>"]);
        root.GetProperty("pad_token_id").GetInt32().Should().Be(added["<|endoftext|>"]);
        root.GetProperty("num_hidden_layers").GetInt32().Should().Be(Dims.NumLayers);
        root.GetProperty("vocab_size").GetInt32().Should().BeGreaterThanOrEqualTo(vocabularySize + 4);

        using var preprocessor = ReadJson("preprocessor_config.json");
        preprocessor.RootElement.GetProperty("processor_class").GetString().Should().Be("LlavaProcessor");
        preprocessor.RootElement.GetProperty("image_mean").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(0, 0, 0);
        preprocessor.RootElement.GetProperty("image_std").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(1, 1, 1);
        preprocessor.RootElement.GetProperty("rescale_factor").GetDouble().Should().Be(0.00392156862745098);
        using var tokenizerConfig = ReadJson("tokenizer_config.json");
        tokenizerConfig.RootElement.GetProperty("chat_template").GetString().Should().Contain("You are a helpful assistant.");
    }

    [Theory]
    [InlineData(WeightPrecision.Float32)]
    [InlineData(WeightPrecision.Float16)]
    public void Onnx_Runtime_loads_every_graph_with_the_contract_names_types_and_axes(WeightPrecision precision)
    {
        using var sessions = new SyntheticModelSessions(_model.Directory, precision);
        var floatType = precision == WeightPrecision.Float16 ? TensorElementType.Float16 : TensorElementType.Float;
        var d = Dims;
        var rows = _model.Result.Vocabulary.Rows;

        Expect(sessions.Vision.InputMetadata, "pixel_values", floatType, ["batch_size", 3L, "height", "width"]);
        Expect(sessions.Vision.OutputMetadata, "image_features", floatType, ["batch_size", "num_image_tokens", (long)d.HiddenSize]);
        Expect(sessions.Embed.InputMetadata, "input_ids", TensorElementType.Int64, ["batch_size", "sequence_length"]);
        Expect(sessions.Embed.OutputMetadata, "inputs_embeds", floatType, ["batch_size", "sequence_length", (long)d.HiddenSize]);

        var decoderInputs = sessions.Decoder.InputMetadata;
        decoderInputs.Keys.Should().HaveCount(3 + 2 * d.NumLayers);
        Expect(decoderInputs, "inputs_embeds", floatType, ["batch_size", "sequence_length", (long)d.HiddenSize]);
        Expect(decoderInputs, "attention_mask", TensorElementType.Int64, ["batch_size", "total_sequence_length"]);
        Expect(decoderInputs, "position_ids", TensorElementType.Int64, ["batch_size", "sequence_length"]);
        var decoderOutputs = sessions.Decoder.OutputMetadata;
        sessions.Decoder.OutputNames[0].Should().Be("logits");
        decoderOutputs.Keys.Should().HaveCount(1 + 2 * d.NumLayers);
        Expect(decoderOutputs, "logits", floatType, ["batch_size", "sequence_length", (long)rows]);
        for (var i = 0; i < d.NumLayers; i++)
        {
            foreach (var kind in new[] { "key", "value" })
            {
                Expect(decoderInputs, $"past_key_values.{i}.{kind}", floatType, ["batch_size", (long)d.NumKeyValueHeads, "past_sequence_length", (long)d.HeadDim]);
                Expect(decoderOutputs, $"present.{i}.{kind}", floatType, ["batch_size", (long)d.NumKeyValueHeads, "total_sequence_length", (long)d.HeadDim]);
            }
        }
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_bytes_and_another_seed_other_weights()
    {
        var again = Path.Combine(Path.GetTempPath(), "fastvlm-synth-tests", Guid.NewGuid().ToString("N"));
        var other = Path.Combine(Path.GetTempPath(), "fastvlm-synth-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var options = new SyntheticModelOptions { Seed = TinySyntheticModelFixture.Seed, OutputDirectory = again };
            options.Variants.Add(WeightPrecision.Float16);
            await SyntheticModelGenerator.GenerateAsync(options);
            await SyntheticModelGenerator.GenerateAsync(new SyntheticModelOptions { Seed = TinySyntheticModelFixture.Seed + 1, OutputDirectory = other });

            foreach (var file in ExpectedFiles)
            {
                File.ReadAllBytes(Path.Combine(again, file)).Should().Equal(File.ReadAllBytes(Path.Combine(_model.Directory, file)), file);
            }
            foreach (var graph in new[] { "vision_encoder", "embed_tokens", "decoder_model_merged" })
            {
                var a = File.ReadAllBytes(Path.Combine(_model.Directory, "onnx", graph + ".onnx"));
                var b = File.ReadAllBytes(Path.Combine(other, "onnx", graph + ".onnx"));
                a.Length.Should().Be(b.Length, "the seed changes values, not shapes");
                a.Should().NotEqual(b, graph);
            }
        }
        finally
        {
            Directory.Delete(again, true);
            Directory.Delete(other, true);
        }
    }

    [Theory]
    [InlineData(WeightPrecision.Float32, 256, 256)]
    [InlineData(WeightPrecision.Float32, 384, 320)]
    [InlineData(WeightPrecision.Float16, 256, 256)]
    public void The_encoder_gives_one_row_per_64_by_64_patch(WeightPrecision precision, int height, int width)
    {
        using var sessions = new SyntheticModelSessions(_model.Directory, precision);
        var (features, rows) = sessions.Encode(NoisePixels(height, width, 3), height, width);
        rows.Should().Be(height / 64 * (width / 64));
        features.Should().HaveCount(rows * Dims.HiddenSize);
        features.Should().OnlyContain(v => float.IsFinite(v));
        var rms = Math.Sqrt(features.Average(v => (double)v * v));
        rms.Should().BeInRange(0.05, 20, "image rows should be on the scale of token embeddings");
    }

    [Fact]
    public void A_cached_step_equals_the_full_recompute()
    {
        using var sessions = new SyntheticModelSessions(_model.Directory, WeightPrecision.Float32);
        var ids = Prompt(sessions);
        var (features, _) = sessions.Encode(NoisePixels(256, 256, 5), 256, 256);
        var prompt = sessions.PromptEmbeddings(ids, features);
        var n = ids.Length;

        var prefill = sessions.Decode(prompt, n, Ones(n), Range(0, n), null, 0);
        var next = ArgMax(prefill.Logits.AsSpan((n - 1) * prefill.Vocabulary, prefill.Vocabulary));
        var nextEmbed = sessions.EmbedIds([next]);
        var cached = sessions.Decode(nextEmbed, 1, Ones(n + 1), [n], prefill.Present, n);

        var full = sessions.Decode([.. prompt, .. nextEmbed], n + 1, Ones(n + 1), Range(0, n + 1), null, 0);
        var v = full.Vocabulary;
        var fullLast = full.Logits.AsSpan(n * v, v).ToArray();
        var scale = fullLast.Max(Math.Abs);
        cached.Logits.Zip(fullLast, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f * scale);
        full.Logits.AsSpan(0, n * v).ToArray().Zip(prefill.Logits, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f * scale,
            "the causal mask keeps earlier positions independent of later ones");
        cached.Present[0].Should().HaveCount((n + 1) * sessions.KvHeads * sessions.HeadDim);
    }

    [Fact]
    public void The_decoder_computes_what_an_independent_Qwen2_forward_pass_computes()
    {
        using var sessions = new SyntheticModelSessions(_model.Directory, WeightPrecision.Float32);
        using var config = ReadJson("config.json");
        var root = config.RootElement;
        var reference = new Qwen2ReferenceDecoder(
            Path.Combine(_model.Directory, "onnx", "decoder_model_merged.onnx"),
            root.GetProperty("hidden_size").GetInt32(), root.GetProperty("num_hidden_layers").GetInt32(),
            root.GetProperty("num_attention_heads").GetInt32(), root.GetProperty("num_key_value_heads").GetInt32(),
            root.GetProperty("rope_theta").GetDouble(), (float)root.GetProperty("rms_norm_eps").GetDouble());
        long[] ids = [3, 141, 59, 26, 535, 89, 79, 323, 84, 62, 643, 383];
        var embeds = sessions.EmbedIds(ids);

        var expected = reference.Forward(embeds);
        var actual = sessions.Decode(embeds, ids.Length, Ones(ids.Length), Range(0, ids.Length), null, 0);

        var v = actual.Vocabulary;
        var scale = expected.SelectMany(r => r).Max(Math.Abs);
        for (var t = 0; t < ids.Length; t++)
        {
            actual.Logits.AsSpan(t * v, v).ToArray().Zip(expected[t], (a, b) => Math.Abs(a - b)).Max()
                .Should().BeLessThan(1e-4f * scale, $"position {t}");
        }
    }

    [Fact]
    public void Padding_positions_are_masked_out()
    {
        using var sessions = new SyntheticModelSessions(_model.Directory, WeightPrecision.Float32);
        long[] ids = [5, 9, 17, 33, 65];
        var plain = sessions.Decode(sessions.EmbedIds(ids), ids.Length, Ones(ids.Length), Range(0, ids.Length), null, 0);

        // Two left-padding positions with arbitrary embeddings, masked out, positions as cumsum(mask) - 1.
        long[] padded = [100, 200, .. ids];
        long[] mask = [0, 0, 1, 1, 1, 1, 1];
        long[] positions = [1, 1, 0, 1, 2, 3, 4];
        var result = sessions.Decode(sessions.EmbedIds(padded), padded.Length, mask, positions, null, 0);
        var v = plain.Vocabulary;
        var expected = plain.Logits.AsSpan((ids.Length - 1) * v, v).ToArray();
        var actual = result.Logits.AsSpan((padded.Length - 1) * v, v).ToArray();
        actual.Zip(expected, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f * expected.Max(Math.Abs));
    }

    [Fact]
    public void Batches_give_the_rows_of_separate_runs()
    {
        using var sessions = new SyntheticModelSessions(_model.Directory, WeightPrecision.Float32);
        var first = NoisePixels(256, 256, 21);
        var second = NoisePixels(256, 256, 22);
        var (batched, rows) = sessions.Encode([.. first, .. second], 256, 256, batch: 2);
        var single = sessions.Encode(second, 256, 256).Features;
        var secondHalf = batched.AsSpan(batched.Length / 2).ToArray();
        secondHalf.Zip(single, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f * single.Max(Math.Abs));
        rows.Should().Be(16);

        // Two prompts in one decoder batch, the shorter one left-padded.
        long[] longIds = [11, 12, 13, 14, 15];
        long[] shortIds = [21, 22, 23];
        long[] padded = [0, 0, .. shortIds];
        var embeds = sessions.EmbedIds([.. longIds, .. padded]);
        var both = sessions.Decode(embeds, 5, [1, 1, 1, 1, 1, 0, 0, 1, 1, 1], [0, 1, 2, 3, 4, 1, 1, 0, 1, 2], null, 0, batch: 2);
        var alone = sessions.Decode(sessions.EmbedIds(shortIds), 3, [1, 1, 1], [0, 1, 2], null, 0);
        var v = both.Vocabulary;
        var expected = alone.Logits.AsSpan(2 * v, v).ToArray();
        var actual = both.Logits.AsSpan((5 + 4) * v, v).ToArray();
        actual.Zip(expected, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f * expected.Max(Math.Abs));
        both.Present[0].Should().HaveCount(2 * 5 * sessions.KvHeads * sessions.HeadDim);
    }

    [Fact]
    public void Greedy_choices_win_by_clear_margins()
    {
        using var sessions = new SyntheticModelSessions(_model.Directory, WeightPrecision.Float32);
        var ids = Prompt(sessions);
        var (features, _) = sessions.Encode(NoisePixels(256, 256, 11), 256, 256);
        var n = ids.Length;
        var step = sessions.Decode(sessions.PromptEmbeddings(ids, features), n, Ones(n), Range(0, n), null, 0);
        var logits = step.Logits.AsSpan((n - 1) * step.Vocabulary, step.Vocabulary).ToArray();
        var relativeMargins = new List<double>();
        var special = _model.Result.Vocabulary.SpecialTokenIds;
        for (var t = 0; t < 16; t++)
        {
            var ordered = logits.Select((value, id) => (value, id)).OrderByDescending(p => p.value).ToArray();
            ordered[0].value.Should().BeGreaterThan(0);
            special.Should().NotContain(ordered[0].id, "the synthetic LM head never picks special tokens");
            ordered[0].id.Should().BeLessThan(_model.Result.Vocabulary.TokenCount, "padding rows of the table are never picked");
            relativeMargins.Add((ordered[0].value - ordered[1].value) / Math.Abs(ordered[0].value));
            var total = n + t + 1;
            step = sessions.Decode(sessions.EmbedIds([ordered[0].id]), 1, Ones(total), [total - 1], step.Present, total - 1);
            logits = step.Logits;
        }
        // Float noise between runtimes is ~1e-6 of the logit scale: every margin must dwarf it, most by far.
        relativeMargins.Min().Should().BeGreaterThan(1e-3);
        relativeMargins.Order().ElementAt(relativeMargins.Count / 2).Should().BeGreaterThan(0.05);
    }

    [Fact]
    public void The_float16_variant_follows_the_float32_model()
    {
        using var single = new SyntheticModelSessions(_model.Directory, WeightPrecision.Float32);
        using var half = new SyntheticModelSessions(_model.Directory, WeightPrecision.Float16);
        var ids = Prompt(single);
        var pixels = NoisePixels(256, 256, 13);
        var n = ids.Length;
        var a = single.Decode(single.PromptEmbeddings(ids, single.Encode(pixels, 256, 256).Features), n, Ones(n), Range(0, n), null, 0);
        var b = half.Decode(half.PromptEmbeddings(ids, half.Encode(pixels, 256, 256).Features), n, Ones(n), Range(0, n), null, 0);
        var v = a.Vocabulary;
        b.Logits.Should().OnlyContain(x => float.IsFinite(x));
        var lastA = a.Logits.AsSpan((n - 1) * v, v).ToArray();
        var lastB = b.Logits.AsSpan((n - 1) * v, v).ToArray();
        ArgMax(lastB).Should().Be(ArgMax(lastA));
        lastA.Zip(lastB, (x, y) => Math.Abs(x - y)).Max().Should().BeLessThan(0.05f * lastA.Max(Math.Abs));
    }

    [Fact]
    public async Task The_cli_writes_a_model_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fastvlm-synth-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var command = FastVlm.DocPipeline.Cli.Commands.ModelCommand.Create();
            var root = new System.CommandLine.RootCommand { command };
            var exit = await root.Parse(["model", "synth", "--preset", "tiny", "--seed", "3", "--out", directory, "--image-size", "128"]).InvokeAsync();
            exit.Should().Be(0);
            using var preprocessor = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "preprocessor_config.json")));
            preprocessor.RootElement.GetProperty("size").GetProperty("shortest_edge").GetInt32().Should().Be(128);
            File.Exists(Path.Combine(directory, "onnx", "decoder_model_merged.onnx")).Should().BeTrue();
            File.Exists(Path.Combine(directory, "onnx", "decoder_model_merged_fp16.onnx")).Should().BeFalse();

            var bad = await root.Parse(["model", "synth", "--out", directory, "--variants", "int3"]).InvokeAsync();
            bad.Should().Be(1);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, true);
            }
        }
    }

    internal static float[] NoisePixels(int height, int width, ulong seed)
    {
        var random = new SeededRandom(seed, "pixels");
        var pixels = new float[3 * height * width];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)(random.NextUInt64() % 256) * 0.00392156862745098f;
        }
        return pixels;
    }

    private long[] Prompt(SyntheticModelSessions sessions)
    {
        var v = _model.Result.Vocabulary;
        var rows = Dims.ImageSize / 64 * (Dims.ImageSize / 64);
        return [v.ImStartId, 40, 41, 42, v.ImEndId, v.ImStartId, 50, .. Enumerable.Repeat((long)sessions.ImageTokenId, rows), 60, 61, 62, v.ImEndId, v.ImStartId, 70];
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();

    private static long[] Range(int start, int end) => Enumerable.Range(start, end - start).Select(i => (long)i).ToArray();

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }

    private JsonDocument ReadJson(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(_model.Directory, name)));

    private static void Expect(IReadOnlyDictionary<string, NodeMetadata> metadata, string name, TensorElementType type, object[] dims)
    {
        metadata.Should().ContainKey(name);
        var node = metadata[name];
        node.ElementDataType.Should().Be(type, name);
        node.Dimensions.Should().HaveCount(dims.Length, name);
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] is string symbol)
            {
                node.SymbolicDimensions[i].Should().Be(symbol, $"{name} axis {i}");
                node.Dimensions[i].Should().Be(-1, $"{name} axis {i} is dynamic");
            }
            else
            {
                node.Dimensions[i].Should().Be((int)(long)dims[i], $"{name} axis {i}");
            }
        }
    }
}
