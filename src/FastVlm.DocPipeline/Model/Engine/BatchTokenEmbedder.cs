using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// <see cref="TokenEmbedder"/> for a batch whose size shrinks as sequences finish: native buffers for the largest
/// batch (ids, positions, embeddings and, when embed_tokens and the decoder differ in precision, the converted
/// copy), with <c>[b, 1]</c> / <c>[b, 1, hidden]</c> views and an embed_tokens binding made once per batch size
/// <c>b</c> the first time it is used. Not thread safe.
/// </summary>
internal sealed class BatchTokenEmbedder : IDisposable
{
    private readonly EmbedTokensGraph _embed;
    private readonly TensorElementType _decoderType;
    private readonly OrtValue _ids;
    private readonly OrtValue _positions;
    private readonly OrtValue _embedding;
    private readonly OrtValue? _converted;
    private readonly View?[] _views;

    public BatchTokenEmbedder(EmbedTokensGraph embed, TensorElementType decoderType, int batch)
    {
        _embed = embed;
        _decoderType = decoderType;
        _views = new View?[batch + 1];
        try
        {
            _ids = OrtTensors.Allocate(TensorElementType.Int64, batch);
            _positions = OrtTensors.Allocate(TensorElementType.Int64, batch);
            _embedding = OrtTensors.Allocate(embed.EmbedsType, batch, embed.Hidden);
            _converted = decoderType == embed.EmbedsType ? null : OrtTensors.Allocate(decoderType, batch, embed.Hidden);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Where to write the first <paramref name="batch"/> token ids before <see cref="Embed"/>.</summary>
    public Span<long> Ids(int batch) => OrtTensors.Mutable<long>(_ids)[..batch];

    /// <summary>Where to write the first <paramref name="batch"/> positions before reading <see cref="PositionValue"/>.</summary>
    public Span<long> Positions(int batch) => OrtTensors.Mutable<long>(_positions)[..batch];

    /// <summary><c>position_ids [batch, 1]</c> over the positions buffer (owned by the embedder).</summary>
    public OrtValue PositionValue(int batch) => ViewFor(batch).Positions;

    /// <summary>Embeds the ids written to <see cref="Ids"/>: <c>[batch, 1, hidden]</c> in the decoder's type, valid until the next call (owned by the embedder).</summary>
    public OrtValue Embed(RunOptions runOptions, int batch)
    {
        var view = ViewFor(batch);
        _embed.Run(runOptions, view.Binding);
        if (view.Converted is null)
        {
            return view.Embedding;
        }

        OrtTensors.CopyConvert(_embedding, _embed.EmbedsType, 0, _converted!, _decoderType, 0, batch * _embed.Hidden);
        return view.Converted;
    }

    public void Dispose()
    {
        foreach (var view in _views)
        {
            view?.Dispose();
        }

        _converted?.Dispose();
        _embedding?.Dispose();
        _positions?.Dispose();
        _ids?.Dispose();
    }

    private View ViewFor(int batch) => _views[batch] ??= new View(this, batch);

    private sealed class View : IDisposable
    {
        public View(BatchTokenEmbedder owner, int batch)
        {
            var hidden = owner._embed.Hidden;
            Ids = Over(owner._ids, TensorElementType.Int64, [batch, 1]);
            Positions = Over(owner._positions, TensorElementType.Int64, [batch, 1]);
            Embedding = Over(owner._embedding, owner._embed.EmbedsType, [batch, 1, hidden]);
            Converted = owner._converted is null ? null : Over(owner._converted, owner._decoderType, [batch, 1, hidden]);
            Binding = owner._embed.Bind(Ids, Embedding);
        }

        public OrtValue Ids { get; }

        public OrtValue Positions { get; }

        public OrtValue Embedding { get; }

        public OrtValue? Converted { get; }

        public OrtIoBinding Binding { get; }

        public void Dispose()
        {
            Binding.Dispose();
            Converted?.Dispose();
            Embedding.Dispose();
            Positions.Dispose();
            Ids.Dispose();
        }

        private static OrtValue Over(OrtValue buffer, TensorElementType type, long[] shape)
        {
            var bytes = OrtTensors.SizeOf(type) * shape.Aggregate(1L, (a, b) => a * b);
            return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, type, shape, OrtTensors.Address(buffer), bytes);
        }
    }
}
