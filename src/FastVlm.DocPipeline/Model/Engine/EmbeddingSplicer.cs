using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Builds the decoder's <c>inputs_embeds</c>: text ids through embed_tokens, with an image's feature rows spliced
/// in where the prefix's image token was, in the decoder's element type. The caller disposes what it returns.
/// </summary>
internal sealed class EmbeddingSplicer(FastVlmModel model)
{
    private readonly PromptPrefix _prefix = model.Prefix;
    private readonly EmbedTokensGraph _embed = model.Embed;
    private readonly DecoderGraph _decoder = model.Decoder;
    private readonly int _hidden = model.Config.Text.HiddenSize;

    /// <summary>
    /// Decoder input for a prefill: prefix text rows, the image rows where the image token was, then the text
    /// after the image token and <paramref name="suffix"/>.
    /// </summary>
    public OrtValue Splice(RunOptions runOptions, float[] features, int imageRows, int[] suffix)
    {
        var prefixIds = _prefix.TextIds;
        var before = _prefix.ImageIndex;
        var textIds = new long[prefixIds.Length + suffix.Length];
        prefixIds.CopyTo(textIds, 0);
        for (var i = 0; i < suffix.Length; i++)
        {
            textIds[prefixIds.Length + i] = suffix[i];
        }

        using var text = _embed.Run(runOptions, textIds);
        var result = OrtTensors.Allocate(_decoder.EmbedsType, 1, textIds.Length + imageRows, _hidden);
        try
        {
            OrtTensors.CopyConvert(text, 0, result, 0, before * _hidden);
            OrtTensors.CopyConvert(features, result, before * _hidden);
            OrtTensors.CopyConvert(text, before * _hidden, result, (before + imageRows) * _hidden, (textIds.Length - before) * _hidden);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Embeddings of text <paramref name="ids"/> alone (the question after a prefilled prefix).</summary>
    public OrtValue EmbedText(RunOptions runOptions, long[] ids)
    {
        var embeds = _embed.Run(runOptions, ids);
        if (_embed.EmbedsType == _decoder.EmbedsType)
        {
            return embeds;
        }

        using (embeds)
        {
            var converted = OrtTensors.Allocate(_decoder.EmbedsType, OrtTensors.Shape(embeds));
            OrtTensors.CopyConvert(embeds, 0, converted, 0, ids.Length * _hidden);
            return converted;
        }
    }
}
