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
    /// Runs the prefill; the caller owns the outputs (logits for the last <paramref name="logitColumns"/> columns, then
    /// present.* with <c>prefix + longest</c> positions). The columns before those are prefilled first without the
    /// LM head (its vocabulary-wide projection is most of a prefill's work and its rows there would be thrown away).
    /// </summary>
    public static IDisposableReadOnlyCollection<OrtValue> Run(
        FastVlmModel model,
        EmbeddingSplicer splicer,
        RunOptions runOptions,
        DecoderFeeds feeds,
        EncodedImage image,
        IReadOnlyList<int[]> suffixes,
        int logitColumns)
    {
        var batch = suffixes.Count;
        var pads = Pads(suffixes);
        var longest = suffixes.Max(s => s.Length);
        var prefix = image.PrefixLength;
        var padId = model.Config.Generation?.PadTokenId ?? model.EosIds[0];

        var layout = new Layout(batch, prefix, longest, new long[batch * longest], new long[batch * (prefix + longest)], new long[batch * longest]);
        for (var r = 0; r < batch; r++)
        {
            var ids = layout.Ids.AsSpan(r * longest, longest);
            var mask = layout.Mask.AsSpan(r * (prefix + longest), prefix + longest);
            var positions = layout.Positions.AsSpan(r * longest, longest);
            ids[..pads[r]].Fill(padId);
            mask.Fill(1);
            mask.Slice(prefix, pads[r]).Clear();
            positions[..pads[r]].Fill(1);
            for (var j = 0; j < suffixes[r].Length; j++)
            {
                ids[pads[r] + j] = suffixes[r][j];
                positions[pads[r] + j] = prefix + j;
            }
        }

        var split = longest - Math.Clamp(logitColumns, 1, longest);
        var past = Tile(model.Decoder, image.PrefixCache, prefix, batch);
        try
        {
            if (split == 0)
            {
                return Stage(model, splicer, runOptions, feeds, layout, 0, longest, past, withLogits: true);
            }

            using var head = Stage(model, splicer, runOptions, feeds, layout, 0, split, past, withLogits: false);
            return Stage(model, splicer, runOptions, feeds, layout, split, longest - split, head.ToArray(), withLogits: true);
        }
        finally
        {
            foreach (var value in past)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>Decoder run over suffix columns <c>[start, start + count)</c> of every row, on <paramref name="past"/>.</summary>
    private static IDisposableReadOnlyCollection<OrtValue> Stage(
        FastVlmModel model, EmbeddingSplicer splicer, RunOptions runOptions, DecoderFeeds feeds, Layout layout, int start, int count, OrtValue[] past, bool withLogits)
    {
        var decoder = model.Decoder;
        var (batch, prefix, longest) = (layout.Batch, layout.Prefix, layout.Longest);
        var ids = new long[batch * count];
        using var mask = OrtTensors.Allocate(TensorElementType.Int64, batch, prefix + start + count);
        using var positions = OrtTensors.Allocate(TensorElementType.Int64, batch, count);
        var maskData = OrtTensors.Mutable<long>(mask);
        var positionData = OrtTensors.Mutable<long>(positions);
        for (var r = 0; r < batch; r++)
        {
            layout.Ids.AsSpan(r * longest + start, count).CopyTo(ids.AsSpan(r * count));
            layout.Positions.AsSpan(r * longest + start, count).CopyTo(positionData.Slice(r * count));
            layout.Mask.AsSpan(r * (prefix + longest), prefix + start + count).CopyTo(maskData.Slice(r * (prefix + start + count)));
        }

        using var flat = splicer.EmbedText(runOptions, ids);
        using var embeds = OrtTensors.Allocate(decoder.EmbedsType, batch, count, decoder.HiddenSize);
        OrtTensors.CopyConvert(flat, 0, embeds, 0, ids.Length * decoder.HiddenSize);
        using var keep = withLogits && count > 1 ? decoder.CreateNumLogitsToKeep(count) : null;
        return decoder.Run(runOptions, embeds, mask, positions, hasPast: true, past, keep, withLogits, feeds);
    }

    /// <summary>The whole batch's left-padded ids, attention mask (<c>[b, prefix + longest]</c>) and positions, row-major.</summary>
    private sealed record Layout(int Batch, int Prefix, int Longest, long[] Ids, long[] Mask, long[] Positions);

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
