using System.Runtime.InteropServices;
using FastVlm.DocPipeline.Synthetic.Proto;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

/// <summary>
/// A plain, independent Qwen2 forward pass (no cache, batch 1) over the weights read back from a float32
/// <c>decoder_model_merged.onnx</c>: proves the graph computes Qwen2's math, not merely something self-consistent.
/// </summary>
internal sealed class Qwen2ReferenceDecoder
{
    private readonly Dictionary<string, float[]> _weights;
    private readonly int _hidden, _layers, _heads, _kvHeads, _headDim;
    private readonly double _theta;
    private readonly float _eps;

    public Qwen2ReferenceDecoder(string onnxPath, int hidden, int layers, int heads, int kvHeads, double theta, float eps)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnxPath));
        _weights = model.Graph.Initializer
            .Where(t => t.DataType == (int)TensorProto.Types.DataType.Float)
            .ToDictionary(t => t.Name, t => MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray());
        (_hidden, _layers, _heads, _kvHeads, _headDim, _theta, _eps) = (hidden, layers, heads, kvHeads, hidden / heads, theta, eps);
    }

    /// <summary>Logits [sequence, vocabulary] for embeddings [sequence, hidden] at positions 0..sequence-1.</summary>
    public float[][] Forward(float[] embeddings)
    {
        var s = embeddings.Length / _hidden;
        var x = Enumerable.Range(0, s).Select(i => embeddings.AsSpan(i * _hidden, _hidden).ToArray()).ToArray();
        var groups = _heads / _kvHeads;
        for (var l = 0; l < _layers; l++)
        {
            var p = $"model.layers.{l}.";
            var normed = x.Select(r => RmsNorm(r, W(p + "input_layernorm.weight"))).ToArray();
            var q = normed.Select(r => Linear(r, W(p + "self_attn.q_proj.weight"), W(p + "self_attn.q_proj.bias"))).ToArray();
            var k = normed.Select(r => Linear(r, W(p + "self_attn.k_proj.weight"), W(p + "self_attn.k_proj.bias"))).ToArray();
            var v = normed.Select(r => Linear(r, W(p + "self_attn.v_proj.weight"), W(p + "self_attn.v_proj.bias"))).ToArray();
            for (var t = 0; t < s; t++)
            {
                q[t] = RopeAt(q[t], _heads, t);
                k[t] = RopeAt(k[t], _kvHeads, t);
            }
            for (var t = 0; t < s; t++)
            {
                var context = new float[_heads * _headDim];
                for (var h = 0; h < _heads; h++)
                {
                    var kv = h / groups;
                    var scores = new double[t + 1];
                    for (var j = 0; j <= t; j++)
                    {
                        double dot = 0;
                        for (var d = 0; d < _headDim; d++)
                        {
                            dot += q[t][h * _headDim + d] * k[j][kv * _headDim + d];
                        }
                        scores[j] = dot / Math.Sqrt(_headDim);
                    }
                    var max = scores.Max();
                    var exp = scores.Select(z => Math.Exp(z - max)).ToArray();
                    var sum = exp.Sum();
                    for (var j = 0; j <= t; j++)
                    {
                        for (var d = 0; d < _headDim; d++)
                        {
                            context[h * _headDim + d] += (float)(exp[j] / sum * v[j][kv * _headDim + d]);
                        }
                    }
                }
                var attention = Linear(context, W(p + "self_attn.o_proj.weight"), null);
                x[t] = Add(x[t], attention);
            }
            for (var t = 0; t < s; t++)
            {
                var n = RmsNorm(x[t], W(p + "post_attention_layernorm.weight"));
                var gate = Linear(n, W(p + "mlp.gate_proj.weight"), null);
                var up = Linear(n, W(p + "mlp.up_proj.weight"), null);
                var act = gate.Select((g, i) => (float)(g / (1 + Math.Exp(-g)) * up[i])).ToArray();
                x[t] = Add(x[t], Linear(act, W(p + "mlp.down_proj.weight"), null));
            }
        }
        return x.Select(r => Linear(RmsNorm(r, W("model.norm.weight")), W("lm_head.weight"), null)).ToArray();
    }

    private float[] W(string name) => _weights[name];

    private float[] RmsNorm(float[] x, float[] weight)
    {
        var meanSquare = x.Average(v => (double)v * v);
        var inverse = 1 / Math.Sqrt(meanSquare + _eps);
        return x.Select((v, i) => (float)(v * inverse * weight[i])).ToArray();
    }

    /// <summary>y = x·W + b with W stored [in, out] (the MatMul layout).</summary>
    private static float[] Linear(float[] x, float[] weight, float[]? bias)
    {
        var outFeatures = weight.Length / x.Length;
        var y = new double[outFeatures];
        for (var i = 0; i < x.Length; i++)
        {
            for (var o = 0; o < outFeatures; o++)
            {
                y[o] += x[i] * weight[i * outFeatures + o];
            }
        }
        return y.Select((v, o) => (float)(v + (bias?[o] ?? 0))).ToArray();
    }

    private static float[] Add(float[] a, float[] b) => a.Select((v, i) => v + b[i]).ToArray();

    /// <summary>HF rotate_half convention: pairs (i, i + hd/2), angle = position · θ^(−2i/hd).</summary>
    private float[] RopeAt(float[] x, int heads, int position)
    {
        var y = (float[])x.Clone();
        var half = _headDim / 2;
        for (var h = 0; h < heads; h++)
        {
            for (var i = 0; i < half; i++)
            {
                var angle = position * (1.0 / Math.Pow(_theta, 2.0 * i / _headDim));
                var (sin, cos) = Math.SinCos(angle);
                var a = x[h * _headDim + i];
                var b = x[h * _headDim + i + half];
                y[h * _headDim + i] = (float)(a * cos - b * sin);
                y[h * _headDim + i + half] = (float)(b * cos + a * sin);
            }
        }
        return y;
    }
}
