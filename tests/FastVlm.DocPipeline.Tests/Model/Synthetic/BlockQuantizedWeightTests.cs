using System.Runtime.InteropServices;
using FastVlm.DocPipeline.Synthetic;
using FastVlm.DocPipeline.Synthetic.Proto;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

/// <summary>
/// The q4 weight layout as ONNX Runtime's MatMulNBits kernel reads it: multiplying unit vectors by the quantized
/// weight gives back its rows, which must lie within half a quantization step (a step where clipped) of the
/// float32 weight of the same seed and name (K = 80 is not a multiple of the block size, so the padded last block is covered too).
/// </summary>
public class BlockQuantizedWeightTests
{
    private const int K = 80;
    private const int N = 24;

    [Fact]
    public async Task MatMulNBits_reads_the_quantized_weight_within_half_a_step_of_the_float_weight()
    {
        var directory = Directory.CreateTempSubdirectory("fastvlm-q4-");
        try
        {
            var q4Path = Path.Combine(directory.FullName, "q4.onnx");
            var fp32Path = Path.Combine(directory.FullName, "fp32.onnx");
            await WeightMatMulProbe.WriteAsync(WeightPrecision.Q4, q4Path, K, N);
            await WeightMatMulProbe.WriteAsync(WeightPrecision.Float32, fp32Path, K, N);

            var q4Model = ModelProto.Parser.ParseFrom(await File.ReadAllBytesAsync(q4Path));
            q4Model.Graph.Node.Should().ContainSingle(n => n.OpType == "MatMulNBits").Which.Domain.Should().Be("com.microsoft");
            q4Model.Graph.Node.Should().NotContain(n => n.OpType == "MatMul");
            q4Model.OpsetImport.Select(o => o.Domain).Should().Contain("com.microsoft");
            var scales = MemoryMarshal.Cast<byte, float>(q4Model.Graph.Initializer.Single(t => t.Name == "w_scales").RawData.Span).ToArray();
            var blocks = (K + BlockQuantizedWeight.BlockSize - 1) / BlockQuantizedWeight.BlockSize;
            scales.Should().HaveCount(N * blocks);

            var expected = MemoryMarshal.Cast<byte, float>(
                ModelProto.Parser.ParseFrom(await File.ReadAllBytesAsync(fp32Path)).Graph.Initializer.Single(t => t.Name == "w").RawData.Span).ToArray();
            var rows = WeightMatMulProbe.Rows(q4Path, K);

            var exact = 0;
            for (var k = 0; k < K; k++)
            {
                for (var n = 0; n < N; n++)
                {
                    var step = MathF.Abs(scales[n * blocks + k / BlockQuantizedWeight.BlockSize]);
                    step.Should().BeGreaterThan(0f);
                    var error = MathF.Abs(rows[k * N + n] - expected[k * N + n]);
                    // Levels run from −8 to +7 steps, the block's extreme at −8: beyond 7.5 steps on the other side
                    // the value is clipped to 7 steps, at most one step away.
                    var bound = MathF.Abs(expected[k * N + n]) <= 7.5f * step ? step / 2 : step;
                    error.Should().BeLessThanOrEqualTo(bound + 1e-6f, $"w[{k},{n}]");
                    exact += error < 1e-7f ? 1 : 0;
                }
            }
            exact.Should().BeLessThan(K * N / 4, "4-bit values are not the float32 weights");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
