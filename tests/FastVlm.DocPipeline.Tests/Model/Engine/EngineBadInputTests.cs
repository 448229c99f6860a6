using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>Broken model directories and unacceptable requests give typed errors that name the problem.</summary>
[Collection(EngineModelsCollection.Name)]
public sealed class EngineBadInputTests(EngineTestModels models)
{
    private static ModelLoadException LoadFails(string directory, Action<FastVlmEngineOptions>? configure = null)
    {
        var options = new FastVlmEngineOptions { ModelDirectory = directory };
        configure?.Invoke(options);
        var act = () => FastVlm.DocPipeline.Model.FastVlmEngine.Load(options).Dispose();
        return act.Should().Throw<ModelLoadException>().Which;
    }

    [Fact]
    public void A_missing_directory_is_reported_as_missing()
    {
        var error = LoadFails(Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N")));
        error.Code.Should().Be(ModelErrorCodes.MissingFile);
        error.Message.Should().Contain("does not exist");
    }

    [Fact]
    public void A_missing_tokenizer_names_the_file()
    {
        var model = models.CopyOf(models.Tiny1);
        File.Delete(Path.Combine(model, "tokenizer.json"));
        var error = LoadFails(model);
        error.Code.Should().Be(ModelErrorCodes.MissingFile);
        error.FilePath.Should().EndWith("tokenizer.json");
    }

    [Fact]
    public void A_truncated_decoder_is_a_corrupt_graph_naming_the_file()
    {
        var model = models.CopyOf(models.Tiny1);
        var decoder = Path.Combine(model, "onnx", "decoder_model_merged.onnx");
        var bytes = File.ReadAllBytes(decoder);
        File.WriteAllBytes(decoder, bytes[..(bytes.Length / 2)]);
        var error = LoadFails(model);
        error.Code.Should().Be(ModelErrorCodes.CorruptGraph);
        error.FilePath.Should().Be(decoder);
    }

    [Fact]
    public void A_vision_encoder_that_is_not_onnx_is_a_corrupt_graph()
    {
        var model = models.CopyOf(models.Tiny1);
        var vision = Path.Combine(model, "onnx", "vision_encoder.onnx");
        File.WriteAllText(vision, "<html>404 Not Found</html>");
        var error = LoadFails(model);
        error.Code.Should().Be(ModelErrorCodes.CorruptGraph);
        error.FilePath.Should().Be(vision);
    }

    [Fact]
    public void A_layer_count_that_differs_from_the_decoder_graph_is_a_contract_mismatch()
    {
        var model = models.CopyOf(models.Tiny1);
        EditJson(Path.Combine(model, "config.json"), c => c["num_hidden_layers"] = 3);
        var error = LoadFails(model);
        error.Code.Should().Be(ModelErrorCodes.ContractMismatch);
        error.Message.Should().Contain("past_key_values.2.key");
        error.FilePath.Should().EndWith("decoder_model_merged.onnx");
    }

    [Fact]
    public void A_hidden_size_that_differs_from_the_graphs_is_a_contract_mismatch()
    {
        var model = models.CopyOf(models.Tiny1);
        EditJson(Path.Combine(model, "config.json"), c =>
        {
            c["hidden_size"] = 128;
            c["head_dim"] = 32;
        });
        var error = LoadFails(model);
        error.Code.Should().Be(ModelErrorCodes.ContractMismatch);
        error.Message.Should().Contain("hidden size");
    }

    [Fact]
    public void Invalid_json_is_a_bad_config_naming_the_file()
    {
        var model = models.CopyOf(models.Tiny1);
        File.WriteAllText(Path.Combine(model, "preprocessor_config.json"), "{ \"size\": ");
        var error = LoadFails(model);
        error.Code.Should().Be(ModelErrorCodes.BadConfig);
        error.FilePath.Should().EndWith("preprocessor_config.json");
    }

    [Fact]
    public void A_missing_image_token_index_is_a_bad_config()
    {
        var model = models.CopyOf(models.Tiny1);
        EditJson(Path.Combine(model, "config.json"), c => c.Remove("image_token_index"));
        LoadFails(model).Message.Should().Contain("image_token_index");
    }

    [Fact]
    public void A_requested_variant_that_is_not_there_is_missing()
    {
        var error = LoadFails(models.Tiny2, o => o.DecoderVariant = GraphVariant.Q4);
        error.Code.Should().Be(ModelErrorCodes.MissingFile);
        error.FilePath.Should().EndWith("decoder_model_merged_q4.onnx");
    }

    [Fact]
    public void Cuda_requested_without_the_gpu_runtime_falls_back_to_cpu_or_fails_by_option()
    {
        using (var engine = FastVlm.DocPipeline.Model.FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny1, ExecutionProvider = ExecutionProvider.Cuda }))
        {
            engine.Descriptor.ExecutionProvider.Should().Be(nameof(ExecutionProvider.Cpu));
        }

        LoadFails(models.Tiny1, o =>
        {
            o.ExecutionProvider = ExecutionProvider.Cuda;
            o.FallbackToCpu = false;
        }).Code.Should().Be(ModelErrorCodes.ProviderUnavailable);
    }

    [Fact]
    public async Task A_100_KB_question_is_refused_before_any_model_work()
    {
        using var engine = FastVlm.DocPipeline.Model.FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny1 });
        using var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 1));
        var question = string.Concat(Enumerable.Repeat("What is the total amount due? ", 100 * 1024 / 30));
        var error = await FluentActions.Awaiting(() => engine.AskAsync(encoded, question)).Should().ThrowAsync<ModelInputException>();
        error.Which.Code.Should().Be(ModelErrorCodes.PromptTooLong);
    }

    [Fact]
    public async Task A_question_longer_than_the_token_limit_is_refused()
    {
        using var engine = FastVlm.DocPipeline.Model.FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny1, MaxUserTextTokens = 50 });
        using var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 1));
        var error = await FluentActions.Awaiting(() => engine.AskAsync(encoded, string.Join(' ', Enumerable.Range(0, 80)))).Should().ThrowAsync<ModelInputException>();
        error.Which.Message.Should().Contain("tokens");
    }

    [Fact]
    public async Task A_prompt_that_does_not_fit_the_context_is_refused()
    {
        var model = models.CopyOf(models.Tiny1);
        EditJson(Path.Combine(model, "config.json"), c => c["max_position_embeddings"] = 48);
        using var engine = FastVlm.DocPipeline.Model.FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = model });
        using var encoded = await engine.EncodeImageAsync(TestImages.Noise(models.ImageSize, models.ImageSize, 1));
        var error = await FluentActions.Awaiting(() => engine.AskAsync(encoded, "What is the total?", new GenerationOptions { MaxNewTokens = 16 })).Should().ThrowAsync<ModelInputException>();
        error.Which.Code.Should().Be(ModelErrorCodes.PromptTooLong);
        error.Which.Message.Should().Contain("context of 48");
    }

    [Fact]
    public async Task An_image_over_the_pixel_limit_is_refused()
    {
        using var engine = FastVlm.DocPipeline.Model.FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.Tiny1, MaxImagePixels = 10_000 });
        var error = await FluentActions.Awaiting(() => engine.EncodeImageAsync(TestImages.Noise(200, 100, 1))).Should().ThrowAsync<ModelInputException>();
        error.Which.Code.Should().Be(ModelErrorCodes.ImageTooLarge);
    }

    private static void EditJson(string path, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
