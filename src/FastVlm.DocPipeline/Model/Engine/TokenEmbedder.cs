using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Embeds one generated token per decode step into values allocated and bound to embed_tokens once per
/// generation: the <c>[1, 1]</c> id, its <c>[1, 1, hidden]</c> embedding and, when embed_tokens and the decoder
/// differ in precision, the converted copy the decoder reads. Not thread safe: one generation's steps are sequential.
/// </summary>
internal sealed class TokenEmbedder : IDisposable
{
    private readonly EmbedTokensGraph _embed;
    private readonly TensorElementType _decoderType;
    private readonly OrtValue? _id;
    private readonly OrtValue? _embedding;
    private readonly OrtValue? _converted;
    private readonly OrtIoBinding? _binding;

    public TokenEmbedder(EmbedTokensGraph embed, TensorElementType decoderType)
    {
        _embed = embed;
        _decoderType = decoderType;
        try
        {
            _id = OrtTensors.Allocate(TensorElementType.Int64, 1, 1);
            _embedding = OrtTensors.Allocate(embed.EmbedsType, 1, 1, embed.Hidden);
            _converted = decoderType == embed.EmbedsType ? null : OrtTensors.Allocate(decoderType, 1, 1, embed.Hidden);
            _binding = embed.Bind(_id, _embedding);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The embedding of <paramref name="token"/> in the decoder's element type, valid until the next call (owned by the embedder).</summary>
    public OrtValue Embed(RunOptions runOptions, int token)
    {
        OrtTensors.Mutable<long>(_id!)[0] = token;
        _embed.Run(runOptions, _binding!);
        if (_converted is null)
        {
            return _embedding!;
        }

        OrtTensors.CopyConvert(_embedding!, _embed.EmbedsType, 0, _converted, _decoderType, 0, _embed.Hidden);
        return _converted;
    }

    public void Dispose()
    {
        _binding?.Dispose();
        _converted?.Dispose();
        _embedding?.Dispose();
        _id?.Dispose();
    }
}
