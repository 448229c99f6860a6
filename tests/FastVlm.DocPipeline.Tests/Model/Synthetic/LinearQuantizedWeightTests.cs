using System.Runtime.InteropServices;
using FastVlm.DocPipeline.Synthetic;
using FastVlm.DocPipeline.Synthetic.Proto;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

/// <summary>
/// The 8-bit weights as ONNX Runtime reads them: unit vectors through DynamicQuantizeLinear + MatMulInteger give back
/// the weight's rows, each within half a quantization step of the float32 weight of the same seed and name.
/// </summary>
public class LinearQuantizedWeightTests
{
    private const int K = 40;
    private const int N = 24;

    [Theory]
    [InlineData(WeightPrecision.Int8, true)]
    [InlineData(WeightPrecision.Uint8, false)]
    [InlineData(WeightPrecision.Quantized, true)]
    public async Task MatMulInteger_reads_the_quantized_weight_within_half_a_step_of_the_float_weight(WeightPrecision precision, bool signed)
    {
        var directory = Directory.CreateTempSubdirectory("fastvlm-q8-");
        try
        {
            var quantizedPath = Path.Combine(directory.FullName, "q8.onnx");
            var fp32Path = Path.Combine(directory.FullName, "fp32.onnx");
            await WeightMatMulProbe.WriteAsync(precision, quantizedPath, K, N);
            await WeightMatMulProbe.WriteAsync(WeightPrecision.Float32, fp32Path, K, N);

            var model = ModelProto.Parser.ParseFrom(await File.ReadAllBytesAsync(quantizedPath));
            model.Graph.Node.Select(n => n.OpType).Should().Contain(["DynamicQuantizeLinear", "MatMulInteger"]).And.NotContain("MatMul");
            model.Graph.Initializer.Single(t => t.Name == "w_quantized").DataType.Should().Be((int)(signed ? TensorProto.Types.DataType.Int8 : TensorProto.Types.DataType.Uint8));
            var step = MemoryMarshal.Cast<byte, float>(model.Graph.Initializer.Single(t => t.Name == "w_scale").RawData.Span)[0];
            step.Should().BeGreaterThan(0f);

            var expected = MemoryMarshal.Cast<byte, float>(
                ModelProto.Parser.ParseFrom(await File.ReadAllBytesAsync(fp32Path)).Graph.Initializer.Single(t => t.Name == "w").RawData.Span).ToArray();
            var rows = WeightMatMulProbe.Rows(quantizedPath, K);

            var exact = 0;
            for (var i = 0; i < K * N; i++)
            {
                var error = MathF.Abs(rows[i] - expected[i]);
                error.Should().BeLessThanOrEqualTo(step / 2 * 1.001f + 1e-7f, $"w[{i / N},{i % N}]");
                exact += error < 1e-7f ? 1 : 0;
            }
            exact.Should().BeLessThan(K * N / 4, "8-bit values are not the float32 weights");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
