using DataType = FastVlm.DocPipeline.Synthetic.Proto.TensorProto.Types.DataType;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>
/// Qwen2-shaped decoder with LM head and KV cache, named like the public <c>decoder_model_merged</c>:
/// RMSNorm, rotary embeddings from <c>position_ids</c>, grouped-query attention over past + new keys,
/// causal mask combined with the padding mask, SwiGLU MLP, final norm, LM head.
/// </summary>
internal static class DecoderGraphWriter
{
    public static OnnxGraphBuilder Build(SyntheticModelDimensions d, SyntheticVocabulary vocabulary, ulong seed, WeightPrecision precision)
    {
        var g = new OnnxGraphBuilder("decoder_model_merged", seed, precision);
        var hd = d.HeadDim;
        var kvHeads = d.NumKeyValueHeads;
        var groups = d.NumHeads / kvHeads;

        var embedsInput = g.Input("inputs_embeds", g.IoFloat, "batch_size", "sequence_length", d.HiddenSize);
        var mask = g.Input("attention_mask", DataType.Int64, "batch_size", "total_sequence_length");
        var positions = g.Input("position_ids", DataType.Int64, "batch_size", "sequence_length");
        var pastKeys = new string[d.NumLayers];
        var pastValues = new string[d.NumLayers];
        for (var i = 0; i < d.NumLayers; i++)
        {
            pastKeys[i] = g.Input($"past_key_values.{i}.key", g.IoFloat, "batch_size", kvHeads, "past_sequence_length", hd);
            pastValues[i] = g.Input($"past_key_values.{i}.value", g.IoFloat, "batch_size", kvHeads, "past_sequence_length", hd);
        }
        var h = ToFloat(g, embedsInput);

        string cos, sin;
        using (g.Scope("rotary_emb"))
        {
            var inverseFrequencies = new float[hd / 2];
            for (var i = 0; i < inverseFrequencies.Length; i++)
            {
                inverseFrequencies[i] = (float)(1.0 / Math.Pow(d.RopeTheta, 2.0 * i / hd));
            }
            var invFreq = g.ConstFloat("rotary_emb.inv_freq", [hd / 2], inverseFrequencies);
            var freqs = g.Mul(g.Unsqueeze(g.Cast(positions, DataType.Float), -1), invFreq);
            var angles = g.Op("Concat", [freqs, freqs], ("axis", -1L));
            cos = g.Unsqueeze(g.Op("Cos", [angles]), 1);
            sin = g.Unsqueeze(g.Op("Sin", [angles]), 1);
        }

        string allowed;
        using (g.Scope("mask"))
        {
            var total = g.Op("Squeeze", [g.Dim(mask, 1)]);
            var sequence = g.Op("Squeeze", [g.Dim(embedsInput, 1)]);
            var past = g.Sub(total, sequence);
            var keyIndex = g.Op("Range", [g.ScalarInt64(0), total, g.ScalarInt64(1)]);
            var queryIndex = g.Unsqueeze(g.Op("Range", [past, total, g.ScalarInt64(1)]), 1);
            var causal = g.Op("LessOrEqual", [keyIndex, queryIndex]);
            var padding = g.Unsqueeze(g.Cast(mask, DataType.Bool), 1, 2, 3);
            allowed = g.Op("And", [causal, padding]);
        }
        var masked = g.ScalarFloat(-1e9f);
        var scale = g.ScalarFloat(1f / MathF.Sqrt(hd));

        var hiddenStd = 1f / MathF.Sqrt(d.HiddenSize);
        for (var layer = 0; layer < d.NumLayers; layer++)
        {
            var p = $"model.layers.{layer}";
            using var _ = g.Scope($"layers.{layer}");

            var x = RmsNorm(g, $"{p}.input_layernorm", h, d.HiddenSize, (float)d.RmsNormEps);
            var q = Heads(g, Projection(g, $"{p}.self_attn.q_proj", x, d.HiddenSize, d.NumHeads * hd, hiddenStd, bias: true), d.NumHeads, hd);
            var k = Heads(g, Projection(g, $"{p}.self_attn.k_proj", x, d.HiddenSize, kvHeads * hd, hiddenStd, bias: true), kvHeads, hd);
            var v = Heads(g, Projection(g, $"{p}.self_attn.v_proj", x, d.HiddenSize, kvHeads * hd, hiddenStd, bias: true), kvHeads, hd);
            q = Rotate(g, q, cos, sin, hd);
            k = Rotate(g, k, cos, sin, hd);

            var keys = g.Op("Concat", [ToFloat(g, pastKeys[layer]), k], ("axis", 2L));
            var values = g.Op("Concat", [ToFloat(g, pastValues[layer]), v], ("axis", 2L));
            g.Output($"present.{layer}.key", FromFloat(g, keys), g.IoFloat, "batch_size", kvHeads, "total_sequence_length", hd);
            g.Output($"present.{layer}.value", FromFloat(g, values), g.IoFloat, "batch_size", kvHeads, "total_sequence_length", hd);

            // Grouped-query attention without repeating the cache: queries [b, kv, groups, s, hd]
            // against keys [b, kv, 1, hd, t] broadcast over the group axis.
            var groupedQ = g.Reshape(q, 0, kvHeads, groups, -1, hd);
            var keysT = g.Transpose(g.Unsqueeze(keys, 2), 0, 1, 2, 4, 3);
            var scores = g.Mul(g.MatMul(groupedQ, keysT), scale);
            scores = g.Op("Where", [allowed, scores, masked]);
            var context = g.MatMul(g.Softmax(scores), g.Unsqueeze(values, 2));
            context = g.Reshape(g.Transpose(g.Reshape(context, 0, d.NumHeads, -1, hd), 0, 2, 1, 3), 0, 0, d.NumHeads * hd);
            var attention = Projection(g, $"{p}.self_attn.o_proj", context, d.NumHeads * hd, d.HiddenSize, 0.5f / MathF.Sqrt(d.NumHeads * hd), bias: false);
            h = g.Add(h, attention);

            x = RmsNorm(g, $"{p}.post_attention_layernorm", h, d.HiddenSize, (float)d.RmsNormEps);
            var gate = Projection(g, $"{p}.mlp.gate_proj", x, d.HiddenSize, d.IntermediateSize, hiddenStd, bias: false);
            var up = Projection(g, $"{p}.mlp.up_proj", x, d.HiddenSize, d.IntermediateSize, hiddenStd, bias: false);
            var activated = g.Mul(g.Mul(gate, g.Op("Sigmoid", [gate])), up);
            var down = Projection(g, $"{p}.mlp.down_proj", activated, d.IntermediateSize, d.HiddenSize, 1f / MathF.Sqrt(d.IntermediateSize), bias: false);
            h = g.Add(h, down);
        }

        string logits;
        using (g.Scope("lm_head"))
        {
            var final = RmsNorm(g, "model.norm", h, d.HiddenSize, (float)d.RmsNormEps);
            logits = FromFloat(g, g.MatMulWeight(final, "lm_head.weight", d.HiddenSize, vocabulary.Rows, SyntheticModelGenerator.LogitScale * hiddenStd, LogitColumnScales(vocabulary, seed)));
        }
        g.Output("logits", logits, g.IoFloat, "batch_size", "sequence_length", vocabulary.Rows);

        // Inputs first in the order the export lists them, outputs logits first.
        var outputs = g.Graph.Output.ToList();
        g.Graph.Output.Clear();
        g.Graph.Output.Add(outputs[^1]);
        g.Graph.Output.Add(outputs.Take(outputs.Count - 1));
        return g;
    }

    /// <summary>
    /// Per-token scale of the LM head columns: log-normal, so a few tokens per context stand far above
    /// the rest (clear greedy winners); special and unused rows get a tiny scale so they are never chosen.
    /// </summary>
    private static float[] LogitColumnScales(SyntheticVocabulary vocabulary, ulong seed)
    {
        var random = new SeededRandom(seed, "lm_head.column_scale");
        var scales = new float[vocabulary.Rows];
        for (var i = 0; i < scales.Length; i++)
        {
            // Clipped so that a large vocabulary has a few hundred strong tokens rather than one that always wins.
            scales[i] = (float)Math.Exp(SyntheticModelGenerator.LogitSpread * Math.Clamp(random.NextGaussian(), -3.0, 2.0));
        }
        foreach (var id in vocabulary.SpecialTokenIds)
        {
            scales[id] = 1e-3f;
        }
        for (var i = vocabulary.TokenCount; i < scales.Length; i++)
        {
            scales[i] = 1e-3f;
        }
        return scales;
    }

    private static string ToFloat(OnnxGraphBuilder g, string x)
        => g.Precision == WeightPrecision.Float16 ? g.Cast(x, DataType.Float) : x;

    private static string FromFloat(OnnxGraphBuilder g, string x)
        => g.Precision == WeightPrecision.Float16 ? g.Cast(x, DataType.Float16) : x;

    private static string RmsNorm(OnnxGraphBuilder g, string name, string x, int hidden, float eps)
    {
        var meanSquare = g.Op("ReduceMean", [g.Mul(x, x)], ("axes", new long[] { -1 }), ("keepdims", 1L));
        var inverse = g.Op("Reciprocal", [g.Op("Sqrt", [g.Add(meanSquare, g.ScalarFloat(eps))])]);
        var weight = g.Weight(name + ".weight", [hidden], 0.1f, 1f);
        return g.Mul(g.Mul(x, inverse), weight);
    }

    private static string Projection(OnnxGraphBuilder g, string name, string x, int inFeatures, int outFeatures, float std, bool bias)
    {
        var y = g.MatMulWeight(x, name + ".weight", inFeatures, outFeatures, std);
        return bias ? g.Add(y, g.Weight(name + ".bias", [outFeatures], 0.1f)) : y;
    }

    /// <summary>[b, s, heads·hd] → [b, heads, s, hd].</summary>
    private static string Heads(OnnxGraphBuilder g, string x, int heads, int hd)
        => g.Transpose(g.Reshape(x, 0, 0, heads, hd), 0, 2, 1, 3);

    /// <summary>Rotary embedding: x·cos + rotate_half(x)·sin, rotate_half(x) = [−x₂, x₁].</summary>
    private static string Rotate(OnnxGraphBuilder g, string x, string cos, string sin, int hd)
    {
        var half = hd / 2;
        var first = g.Op("Slice", [x, g.ConstInt64(0), g.ConstInt64(half), g.ConstInt64(3)]);
        var second = g.Op("Slice", [x, g.ConstInt64(half), g.ConstInt64(hd), g.ConstInt64(3)]);
        var rotated = g.Op("Concat", [g.Op("Neg", [second]), first], ("axis", -1L));
        return g.Add(g.Mul(x, cos), g.Mul(rotated, sin));
    }
}
