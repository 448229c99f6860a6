using FastVlm.DocPipeline.Synthetic;
using FastVlm.DocPipeline.Synthetic.Proto;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

/// <summary>
/// A one-node graph <c>y = x · w</c> with a seeded <c>[K, N]</c> weight <c>w</c> in a given precision, and the rows of
/// <c>w</c> as ONNX Runtime computes them (the identity times the weight).
/// </summary>
internal static class WeightMatMulProbe
{
    public static async Task WriteAsync(WeightPrecision precision, string path, int k, int n)
    {
        var builder = new OnnxGraphBuilder("g", seed: 9, precision);
        var x = builder.Input("x", TensorProto.Types.DataType.Float, "batch_size", k);
        builder.Output("y", builder.MatMulWeight(x, "w", k, n, std: 0.3f), TensorProto.Types.DataType.Float, "batch_size", n);
        await OnnxModelWriter.WriteAsync(builder, path, CancellationToken.None);
    }

    public static float[] Rows(string path, int k)
    {
        using var session = new InferenceSession(path);
        var identity = new DenseTensor<float>([k, k]);
        for (var i = 0; i < k; i++)
        {
            identity[i, i] = 1f;
        }
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", identity)]);
        return results.Single().AsEnumerable<float>().ToArray();
    }
}
