using DataType = FastVlm.DocPipeline.Synthetic.Proto.TensorProto.Types.DataType;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>
/// FastViTHD-shaped vision tower plus the <c>mlp2x_gelu</c> projector, as one graph:
/// <c>pixel_values [batch, 3, H, W]</c> → <c>image_features [batch, (H/64)·(W/64), hidden]</c>.
/// Reparameterised (inference) form: every MobileOne/RepMixer branch is a single convolution with bias.
/// </summary>
internal static class VisionEncoderGraphWriter
{
    private static readonly float GeluGain = MathF.Sqrt(2f);

    // Brings the image rows to about the scale of the token embeddings (RMS ≈ 1) despite the untrained tower.
    private const float ProjectorGain = 4f;

    public static OnnxGraphBuilder Build(SyntheticModelDimensions d, ulong seed, WeightPrecision precision)
    {
        var g = new OnnxGraphBuilder("vision_encoder", seed, precision, hasConvolutions: true);
        var input = g.Input("pixel_values", g.IoFloat, "batch_size", 3, "height", "width");
        var x = precision == WeightPrecision.Float16 ? g.Cast(input, DataType.Float) : input;

        var c0 = d.StageWidths[0];
        using (g.Scope("stem"))
        {
            x = g.Gelu(Conv(g, "vision_tower.stem.0", x, 3, c0, 3, 2, 1, GeluGain));
            x = g.Gelu(Conv(g, "vision_tower.stem.1", x, c0, c0, 3, 2, c0, GeluGain));
            x = g.Gelu(Conv(g, "vision_tower.stem.2", x, c0, c0, 1, 1, 1, GeluGain));
        }

        var channels = c0;
        for (var stage = 0; stage < d.StageWidths.Length; stage++)
        {
            var width = d.StageWidths[stage];
            var prefix = $"vision_tower.stages.{stage}";
            using var _ = g.Scope($"stage{stage}");
            if (stage > 0)
            {
                x = Conv(g, $"{prefix}.downsample.dw", x, channels, channels, 7, 2, channels, 1f);
                x = g.Gelu(Conv(g, $"{prefix}.downsample.pw", x, channels, width, 1, 1, 1, GeluGain));
                channels = width;
            }
            var attention = stage >= 3;
            if (attention)
            {
                x = g.Add(x, Conv(g, $"{prefix}.pos_emb", x, channels, channels, 7, 1, channels, 0.5f));
            }
            // Two residual branches per block: a scale of 1/sqrt(2·depth) bounds the growth of a stage to about e
            // in variance, so the 24-block stage of the full preset stays as tame as the tiny one.
            var layerScale = 1f / MathF.Sqrt(2f * d.StageDepths[stage]);
            for (var block = 0; block < d.StageDepths[stage]; block++)
            {
                var b = $"{prefix}.blocks.{block}";
                using var __ = g.Scope($"block{block}");
                var mixed = attention
                    ? Attention(g, b, ChannelLayerNorm(g, $"{b}.norm", x, channels), channels, d.EncoderHeadDim)
                    : Conv(g, $"{b}.token_mixer", x, channels, channels, 3, 1, channels, 1f);
                x = g.Add(x, g.Mul(mixed, LayerScaleWeight(g, $"{b}.layer_scale_1", channels, layerScale)));
                x = g.Add(x, g.Mul(ConvFfn(g, $"{b}.convffn", x, channels, channels * d.MlpRatio), LayerScaleWeight(g, $"{b}.layer_scale_2", channels, layerScale)));
            }
        }

        using (g.Scope("conv_exp"))
        {
            x = Conv(g, "vision_tower.conv_exp.conv", x, channels, d.ConvExpWidth, 3, 1, channels, GeluGain);
            x = SqueezeExcite(g, "vision_tower.conv_exp.se", x, d.ConvExpWidth);
            x = g.Gelu(x);
        }

        string features;
        using (g.Scope("projector"))
        {
            var tokens = g.Transpose(g.Reshape(x, 0, 0, -1), 0, 2, 1);
            var h = Linear(g, "mm_projector.0", tokens, d.ConvExpWidth, d.HiddenSize, GeluGain);
            h = g.Gelu(h);
            features = Linear(g, "mm_projector.2", h, d.HiddenSize, d.HiddenSize, ProjectorGain);
        }
        if (precision == WeightPrecision.Float16)
        {
            features = g.Cast(features, DataType.Float16);
        }
        g.Output("image_features", features, g.IoFloat, "batch_size", "num_image_tokens", d.HiddenSize);
        return g;
    }

    private static string Conv(OnnxGraphBuilder g, string name, string x, int inChannels, int outChannels, int kernel, int stride, int groups, float gain)
    {
        var fanIn = inChannels / groups * kernel * kernel;
        var pad = (long)(kernel / 2);
        return g.ConvWeight(x, name, [outChannels, inChannels / groups, kernel, kernel], gain / MathF.Sqrt(fanIn), 0.02f,
            ("kernel_shape", new long[] { kernel, kernel }),
            ("strides", new long[] { stride, stride }),
            ("pads", new long[] { pad, pad, pad, pad }),
            ("group", (long)groups));
    }

    private static string LayerScaleWeight(OnnxGraphBuilder g, string name, int channels, float scale)
        => g.Weight(name, [channels, 1, 1], scale * 0.2f, scale);

    /// <summary>ConvFFN: 7×7 depthwise conv, 1×1 expand, GELU, 1×1 project.</summary>
    private static string ConvFfn(OnnxGraphBuilder g, string name, string x, int channels, int hidden)
    {
        var y = Conv(g, name + ".conv", x, channels, channels, 7, 1, channels, 1f);
        y = g.Gelu(Conv(g, name + ".fc1", y, channels, hidden, 1, 1, 1, GeluGain));
        return Conv(g, name + ".fc2", y, hidden, channels, 1, 1, 1, 1f);
    }

    private static string ChannelLayerNorm(OnnxGraphBuilder g, string name, string x, int channels)
    {
        var mean = g.Op("ReduceMean", [x], ("axes", new long[] { 1 }), ("keepdims", 1L));
        var centred = g.Sub(x, mean);
        var variance = g.Op("ReduceMean", [g.Mul(centred, centred)], ("axes", new long[] { 1 }), ("keepdims", 1L));
        var normalised = g.Div(centred, g.Op("Sqrt", [g.Add(variance, g.ScalarFloat(1e-5f))]));
        var weight = g.Weight(name + ".weight", [channels, 1, 1], 0.1f, 1f);
        var bias = g.Weight(name + ".bias", [channels, 1, 1], 0.02f);
        return g.Add(g.Mul(normalised, weight), bias);
    }

    /// <summary>Multi-head self-attention over the flattened H·W positions (no qkv bias).</summary>
    private static string Attention(OnnxGraphBuilder g, string name, string x, int channels, int headDim)
    {
        var heads = channels / headDim;
        var tokens = g.Transpose(g.Reshape(x, 0, 0, -1), 0, 2, 1);
        var std = 1f / MathF.Sqrt(channels);
        var q = g.Transpose(g.Reshape(g.MatMulWeight(tokens, name + ".attn.q.weight", channels, channels, std), 0, 0, heads, headDim), 0, 2, 1, 3);
        var k = g.Transpose(g.Reshape(g.MatMulWeight(tokens, name + ".attn.k.weight", channels, channels, std), 0, 0, heads, headDim), 0, 2, 3, 1);
        var v = g.Transpose(g.Reshape(g.MatMulWeight(tokens, name + ".attn.v.weight", channels, channels, std), 0, 0, heads, headDim), 0, 2, 1, 3);
        var scores = g.Mul(g.MatMul(q, k), g.ScalarFloat(1f / MathF.Sqrt(headDim)));
        var context = g.MatMul(g.Softmax(scores), v);
        context = g.Reshape(g.Transpose(context, 0, 2, 1, 3), 0, 0, channels);
        var projected = Linear(g, name + ".attn.proj", context, channels, channels, 1f);
        var back = g.Transpose(projected, 0, 2, 1);
        return g.Op("Reshape", [back, g.Op("Shape", [x])]);
    }

    private static string SqueezeExcite(OnnxGraphBuilder g, string name, string x, int channels)
    {
        var pooled = g.Op("GlobalAveragePool", [x]);
        var reduced = g.Op("Relu", [Conv(g, name + ".reduce", pooled, channels, channels / 4, 1, 1, 1, GeluGain)]);
        var gate = g.Op("Sigmoid", [Conv(g, name + ".expand", reduced, channels / 4, channels, 1, 1, 1, 1f)]);
        return g.Mul(x, gate);
    }

    private static string Linear(OnnxGraphBuilder g, string name, string x, int inFeatures, int outFeatures, float gain)
    {
        var product = g.MatMulWeight(x, name + ".weight", inFeatures, outFeatures, gain / MathF.Sqrt(inFeatures));
        return g.Add(product, g.Weight(name + ".bias", [outFeatures], 0.02f));
    }
}
