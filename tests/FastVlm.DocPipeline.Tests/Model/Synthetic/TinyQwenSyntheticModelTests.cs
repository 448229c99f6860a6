using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Synthetic;
using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

public class TinyQwenSyntheticModelTests
{
    [Fact]
    public async Task Tiny_qwen_uses_the_real_vocabulary_with_FastVLM_added_tokens()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fastvlm-synth-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var result = await SyntheticModelGenerator.GenerateAsync(new SyntheticModelOptions { Preset = SyntheticModelPreset.TinyQwen, Seed = 2, OutputDirectory = directory });

            using var tokenizer = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "tokenizer.json")));
            var added = tokenizer.RootElement.GetProperty("added_tokens").EnumerateArray()
                .ToDictionary(t => t.GetProperty("content").GetString()!, t => t.GetProperty("id").GetInt32());
            added.Should().Equal(new Dictionary<string, int>
            {
                ["<|endoftext|>"] = 151643,
                ["<|im_start|>"] = 151644,
                ["<|im_end|>"] = 151645,
                ["<image>"] = 151646,
            });
            using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "config.json")));
            config.RootElement.GetProperty("image_token_index").GetInt32().Should().Be(151646);
            config.RootElement.GetProperty("eos_token_id").GetInt32().Should().Be(151645);

            result.Vocabulary.Rows.Should().BeGreaterThan(151646).And.Subject.Should().Be(config.RootElement.GetProperty("vocab_size").GetInt32());
            using var decoder = new InferenceSession(Path.Combine(directory, "onnx", "decoder_model_merged.onnx"));
            decoder.OutputMetadata["logits"].Dimensions[2].Should().Be(result.Vocabulary.Rows);
            using var embed = new InferenceSession(Path.Combine(directory, "onnx", "embed_tokens.onnx"));
            embed.OutputMetadata["inputs_embeds"].Dimensions[2].Should().Be(result.Dimensions.HiddenSize);

            using var generated = await TransformersJsLoadsSyntheticModelTests.LoadModelAsync(directory, maxNewTokens: 4);
            generated.RootElement.GetProperty("newTokens").GetInt32().Should().Be(4);
            generated.RootElement.GetProperty("ids").EnumerateArray().Should().OnlyContain(id => id.GetInt32() < 151643);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, true);
            }
        }
    }

    [Fact]
    public async Task A_tokenizer_file_with_other_contents_is_refused()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "{}");
            var options = new SyntheticModelOptions { Preset = SyntheticModelPreset.TinyQwen, OutputDirectory = Path.GetTempPath(), QwenTokenizerPath = file };
            var act = () => SyntheticModelGenerator.GenerateAsync(options);
            (await act.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be("model.synthetic_tokenizer_mismatch");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
