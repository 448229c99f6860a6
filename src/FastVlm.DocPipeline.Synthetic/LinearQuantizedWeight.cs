using FastVlm.DocPipeline.Synthetic.Proto;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>
/// A float weight quantized per tensor to 8 bits as ONNX Runtime's dynamic quantizer stores it: the range is widened
/// to include 0; int8 is symmetric (levels −127…127, zero point 0), uint8 asymmetric (0…255, zero point where 0 falls).
/// </summary>
internal sealed class LinearQuantizedWeight
{
    private readonly RandomTensorData _values;
    private readonly bool _signed;

    public LinearQuantizedWeight(RandomTensorData values, bool signed)
    {
        _values = values;
        _signed = signed;
        var all = values.ToArray();
        var min = Math.Min(0f, all.Length == 0 ? 0f : all.Min());
        var max = Math.Max(0f, all.Length == 0 ? 0f : all.Max());
        if (signed)
        {
            var absMax = Math.Max(-min, max);
            Scale = absMax == 0f ? 1f : absMax / 127f;
            ZeroPoint = 0;
        }
        else
        {
            Scale = max == min ? 1f : (max - min) / 255f;
            ZeroPoint = (int)Math.Clamp(MathF.Round(-min / Scale), 0, 255);
        }
        Quantized = new View(this, values.ElementCount);
    }

    public float Scale { get; }

    public int ZeroPoint { get; }

    public TensorProto.Types.DataType DataType => _signed ? TensorProto.Types.DataType.Int8 : TensorProto.Types.DataType.Uint8;

    /// <summary>The quantized values, in the layout of the float weight.</summary>
    public TensorData Quantized { get; }

    /// <summary>The zero point as a one-element tensor of <see cref="DataType"/>.</summary>
    public TensorData ZeroPointTensor => new ByteTensorData([_signed ? (byte)(sbyte)ZeroPoint : (byte)ZeroPoint], DataType);

    private byte[] QuantizeAll()
    {
        var all = _values.ToArray();
        var bytes = new byte[all.Length];
        var (low, high) = _signed ? (-127, 127) : (0, 255);
        for (var i = 0; i < all.Length; i++)
        {
            var q = Math.Clamp((int)MathF.Round(all[i] / Scale) + ZeroPoint, low, high);
            bytes[i] = _signed ? (byte)(sbyte)q : (byte)q;
        }
        return bytes;
    }

    private sealed class View(LinearQuantizedWeight owner, long elementCount) : TensorData
    {
        public override long ElementCount => elementCount;

        public override TensorProto.Types.DataType DataType => owner.DataType;

        public override void WriteTo(Stream stream) => stream.Write(owner.QuantizeAll());
    }
}
