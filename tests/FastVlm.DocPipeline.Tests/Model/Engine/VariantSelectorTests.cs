using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

public sealed class VariantSelectorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fastvlm-variants-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Touch(params string[] names)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "onnx"));
        foreach (var name in names)
        {
            File.WriteAllBytes(Path.Combine(_dir, "onnx", name), []);
        }
    }

    [Fact]
    public void On_cpu_the_fp16_decoder_is_never_the_default_but_on_cuda_it_is_preferred()
    {
        Touch("decoder_model_merged_fp16.onnx", "decoder_model_merged_q4.onnx", "decoder_model_merged_q4f16.onnx");
        VariantSelector.Select(_dir, GraphKind.Decoder, null, ExecutionProvider.Cpu).Should().Be(GraphVariant.Q4);
        VariantSelector.Select(_dir, GraphKind.Decoder, null, ExecutionProvider.Cuda).Should().Be(GraphVariant.Fp16);
    }

    [Fact]
    public void Each_graph_is_chosen_on_its_own_from_what_is_present()
    {
        Touch("vision_encoder_q4.onnx", "embed_tokens_fp16.onnx", "decoder_model_merged.onnx", "decoder_model_merged_q4.onnx");
        VariantSelector.Select(_dir, GraphKind.VisionEncoder, null, ExecutionProvider.Cpu).Should().Be(GraphVariant.Q4);
        VariantSelector.Select(_dir, GraphKind.EmbedTokens, null, ExecutionProvider.Cpu).Should().Be(GraphVariant.Fp16);
        VariantSelector.Select(_dir, GraphKind.Decoder, null, ExecutionProvider.Cpu).Should().Be(GraphVariant.Fp32);
        VariantSelector.Select(_dir, GraphKind.Decoder, GraphVariant.Q4, ExecutionProvider.Cpu).Should().Be(GraphVariant.Q4);
    }

    [Fact]
    public void Only_an_fp16_decoder_on_cpu_asks_for_an_explicit_choice()
    {
        Touch("decoder_model_merged_fp16.onnx");
        var act = () => VariantSelector.Select(_dir, GraphKind.Decoder, null, ExecutionProvider.Cpu);
        act.Should().Throw<ModelLoadException>().Which.Message.Should().Contain("fp16").And.Contain("explicitly");
        VariantSelector.Select(_dir, GraphKind.Decoder, GraphVariant.Fp16, ExecutionProvider.Cpu).Should().Be(GraphVariant.Fp16);
    }

    [Fact]
    public void On_cpu_fp32_comes_before_q4_and_the_8_bit_variants_only_when_nothing_else_is_present()
    {
        Touch("decoder_model_merged.onnx", "decoder_model_merged_q4.onnx", "decoder_model_merged_int8.onnx", "decoder_model_merged_q4f16.onnx");
        VariantSelector.Select(_dir, GraphKind.Decoder, null, ExecutionProvider.Cpu).Should().Be(GraphVariant.Fp32);
        File.Delete(Path.Combine(_dir, "onnx", "decoder_model_merged.onnx"));
        VariantSelector.Select(_dir, GraphKind.Decoder, null, ExecutionProvider.Cpu).Should().Be(GraphVariant.Q4);
        File.Delete(Path.Combine(_dir, "onnx", "decoder_model_merged_q4.onnx"));
        VariantSelector.Select(_dir, GraphKind.Decoder, null, ExecutionProvider.Cpu).Should().Be(GraphVariant.Int8);
    }

    [Theory]
    [InlineData("fp32", GraphVariant.Fp32)]
    [InlineData("_q4f16", GraphVariant.Q4F16)]
    [InlineData("BNB4", GraphVariant.Bnb4)]
    [InlineData("quantized", GraphVariant.Quantized)]
    [InlineData("q8", GraphVariant.Quantized)]
    public void Variant_names_parse(string text, GraphVariant expected) => GraphVariants.Parse(text).Should().Be(expected);
}
