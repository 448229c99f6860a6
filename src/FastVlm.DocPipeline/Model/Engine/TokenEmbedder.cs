using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Embeds one generated token per decode step into values allocated once per generation: the <c>[1, 1]</c> id,
/// its <c>[1, 1, hidden]</c> embedding and, when embed_tokens and the decoder differ in precision, the converted
/// copy the decoder reads. Not thread safe: one generation's steps are sequential.
/// </summary>
internal sealed class TokenEmbedder : IDisposable
{
    private readonly EmbedTokensGraph _embed;
    private readonly OrtValue[] _input = new OrtValue[1];
    private readonly OrtValue[] _output = new OrtValue[1];
    private readonly OrtValue? _converted;
    private readonly TensorElementType _decoderType;

    public TokenEmbedder(EmbedTokensGraph embed, TensorElementType decoderType)
    {
        _embed = embed;
        _decoderType = decoderType;
        try
        {
            _input[0] = OrtTensors.Allocate(TensorElementType.Int64, 1, 1);
            _output[0] = OrtTensors.Allocate(embed.EmbedsType, 1, 1, embed.Hidden);
            _converted = decoderType == embed.EmbedsType ? null : OrtTensors.Allocate(decoderType, 1, 1, embed.Hidden);
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
        OrtTensors.Mutable<long>(_input[0])[0] = token;
        _embed.Run(runOptions, _input, _output);
        if (_converted is null)
        {
            return _output[0];
        }

        OrtTensors.CopyConvert(_output[0], _embed.EmbedsType, 0, _converted, _decoderType, 0, _embed.Hidden);
        return _converted;
    }

    public void Dispose()
    {
        _converted?.Dispose();
        _output[0]?.Dispose();
        _input[0]?.Dispose();
    }
}
