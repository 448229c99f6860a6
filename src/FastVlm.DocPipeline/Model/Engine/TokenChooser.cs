using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using FastVlm.DocPipeline.Model.Onnx;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Greedy choice over one logits row: the first index of the largest logit (ties keep the lower id, like
/// transformers.js), and its log-probability under the full softmax, computed in place without allocating.
/// </summary>
internal static class TokenChooser
{
    /// <summary>
    /// Picks from the last row (the last <paramref name="vocab"/> values) of <paramref name="logits"/> (<c>[1, s, V]</c>);
    /// <paramref name="excluded"/> ids are never chosen. The element type and vocabulary size are passed in because
    /// reading a value's shape allocates.
    /// </summary>
    public static (int Token, float LogProb) PickLastRow(OrtValue logits, TensorElementType type, int vocab, ReadOnlySpan<int> excluded) =>
        type == TensorElementType.Float16
            ? Pick(OrtTensors.Read<Half>(logits)[^vocab..], excluded)
            : Pick(OrtTensors.Read<float>(logits)[^vocab..], excluded);

    /// <summary>Copies the last row of <paramref name="logits"/> as float32 (diagnostics and parity tests only).</summary>
    public static float[] CopyLastRow(OrtValue logits)
    {
        var shape = OrtTensors.Shape(logits);
        var vocab = checked((int)shape[2]);
        var row = new float[vocab];
        OrtTensors.CopyToFloat(logits, checked((int)((shape[1] - 1) * vocab)), row);
        return row;
    }

    /// <summary>Greedy choice and its log-probability over one row of float32 or float16 logits.</summary>
    public static (int Token, float LogProb) Pick<T>(ReadOnlySpan<T> row, ReadOnlySpan<int> excluded)
        where T : unmanaged, INumberBase<T>
    {
        var best = -1;
        var bestValue = float.NegativeInfinity;
        var max = float.NegativeInfinity;
        for (var i = 0; i < row.Length; i++)
        {
            var v = float.CreateTruncating(row[i]);
            if (v > max)
            {
                max = v;
            }

            if ((v > bestValue || best < 0) && !excluded.Contains(i))
            {
                best = i;
                bestValue = v;
            }
        }

        double sum = 0;
        for (var i = 0; i < row.Length; i++)
        {
            sum += Math.Exp(float.CreateTruncating(row[i]) - max);
        }

        return (best, (float)(bestValue - max - Math.Log(sum)));
    }

    /// <summary>The log-probability of <paramref name="token"/> under the softmax of one logits row.</summary>
    public static double LogProb<T>(ReadOnlySpan<T> row, int token)
        where T : unmanaged, INumberBase<T>
    {
        var max = float.NegativeInfinity;
        for (var i = 0; i < row.Length; i++)
        {
            max = MathF.Max(max, float.CreateTruncating(row[i]));
        }

        double sum = 0;
        for (var i = 0; i < row.Length; i++)
        {
            sum += Math.Exp(float.CreateTruncating(row[i]) - max);
        }

        return float.CreateTruncating(row[token]) - max - Math.Log(sum);
    }
}
