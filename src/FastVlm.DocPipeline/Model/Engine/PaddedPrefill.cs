using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// One decoder prefill of several suffixes after an image's cached prefix, as one batch: the prefix cache tiled to
/// the batch, the suffixes left-padded to the longest, and <c>attention_mask</c> / <c>position_ids</c> built as
/// transformers.js builds them for a padded batch (mask 0 on padding, positions = cumsum(mask) − 1, padding
/// positions 1). Every row then ends at the same column, so the last logits row of each is its next-token row.
/// </summary>
internal static class PaddedPrefill
{
    /// <summary>Padding ahead of each suffix (the longest gets none).</summary>
    public static int[] Pads(IReadOnlyList<int[]> suffixes)
    {
        var longest = suffixes.Max(s => s.Length);
        return suffixes.Select(s => longest - s.Length).ToArray();
    }

    /// <summary>
    /// Runs the prefill; the caller owns the outputs (logits, then present.* with <c>prefix + longest</c> positions).
    /// <paramref name="keep"/> is the <c>num_logits_to_keep</c> value (null: 1).
    /// </summary>
    public static IDisposableReadOnlyCollection<OrtValue> Run(
        FastVlmModel model,
        EmbeddingSplicer splicer,
        RunOptions runOptions,
        DecoderFeeds feeds,
        EncodedImage image,
        IReadOnlyList<int[]> suffixes,
        OrtValue? keep)
    {
        var decoder = model.Decoder;
        var batch = suffixes.Count;
        var pads = Pads(suffixes);
        var longest = suffixes.Max(s => s.Length);
        var prefix = image.PrefixLength;
        var padId = model.Config.Generation?.PadTokenId ?? model.EosIds[0];

        var ids = new long[batch * longest];
        for (var r = 0; r < batch; r++)
        {
            var row = ids.AsSpan(r * longest, longest);
            row[..pads[r]].Fill(padId);
            for (var j = 0; j < suffixes[r].Length; j++)
            {
                row[pads[r] + j] = suffixes[r][j];
            }
        }

        using var flat = splicer.EmbedText(runOptions, ids);
        using var embeds = OrtTensors.Allocate(decoder.EmbedsType, batch, longest, decoder.HiddenSize);
        OrtTensors.CopyConvert(flat, 0, embeds, 0, ids.Length * decoder.HiddenSize);

        using var mask = OrtTensors.Int64([batch, prefix + longest], 1L);
        using var positions = OrtTensors.Allocate(TensorElementType.Int64, batch, longest);
        var maskData = OrtTensors.Mutable<long>(mask);
        var positionData = OrtTensors.Mutable<long>(positions);
        for (var r = 0; r < batch; r++)
        {
            maskData.Slice(r * (prefix + longest) + prefix, pads[r]).Clear();
            var rowPositions = positionData.Slice(r * longest, longest);
            rowPositions[..pads[r]].Fill(1);
            for (var j = pads[r]; j < longest; j++)
            {
                rowPositions[j] = prefix + j - pads[r];
            }
        }

        var past = Tile(decoder, image.PrefixCache, prefix, batch);
        try
        {
            return decoder.Run(runOptions, embeds, mask, positions, hasPast: true, past, keep, withLogits: true, feeds);
        }
        finally
        {
            foreach (var value in past)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>Copies a batch-1 cache (<c>[1, kv, length, hd]</c> each) into <paramref name="batch"/> rows.</summary>
    private static OrtValue[] Tile(DecoderGraph decoder, ReadOnlySpan<OrtValue> cache, int length, int batch)
    {
        var tiled = new OrtValue[cache.Length];
        try
        {
            for (var i = 0; i < cache.Length; i++)
            {
                tiled[i] = OrtTensors.Allocate(decoder.KvType, batch, decoder.KvHeads, length, decoder.HeadDim);
                var source = OrtTensors.Read<byte>(cache[i]);
                var destination = OrtTensors.Mutable<byte>(tiled[i]);
                for (var r = 0; r < batch; r++)
                {
                    source.CopyTo(destination.Slice(r * source.Length, source.Length));
                }
            }

            return tiled;
        }
        catch
        {
            foreach (var value in tiled)
            {
                value?.Dispose();
            }

            throw;
        }
    }
}
