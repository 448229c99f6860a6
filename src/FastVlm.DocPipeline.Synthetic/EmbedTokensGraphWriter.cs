namespace FastVlm.DocPipeline.Synthetic;

/// <summary><c>input_ids [batch, seq]</c> → <c>inputs_embeds [batch, seq, hidden]</c>: one Gather from the table (over the 8-bit table, then DequantizeLinear, in an 8-bit variant).</summary>
internal static class EmbedTokensGraphWriter
{
    public static OnnxGraphBuilder Build(SyntheticModelDimensions d, SyntheticVocabulary vocabulary, ulong seed, WeightPrecision precision)
    {
        var g = new OnnxGraphBuilder("embed_tokens", seed, precision);
        var ids = g.Input("input_ids", Proto.TensorProto.Types.DataType.Int64, "batch_size", "sequence_length");
        var embeds = g.GatherWeight("model.embed_tokens.weight", [vocabulary.Rows, d.HiddenSize], 1f, ids);
        g.Output("inputs_embeds", embeds, g.IoFloat, "batch_size", "sequence_length", d.HiddenSize);
        return g;
    }
}
