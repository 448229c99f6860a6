using FastVlm.DocPipeline.Synthetic.Proto;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>
/// A <c>[K, N]</c> float weight as MatMulNBits stores it: per output column, blocks of 32 inputs quantized
/// symmetrically to 4 bits (value = (q − 8)·scale, the block's largest magnitude maps to q = 0), two values per
/// byte with the first in the low nibble, the last block padded with zeros. The quantization runs once, when the
/// packed tensor is first written, and is dropped once the scales are written after it.
/// </summary>
internal sealed class BlockQuantizedWeight
{
    public const int BlockSize = 32;
    public const int BlobBytes = BlockSize / 2;
    private const int DefaultZeroPoint = 8;

    private readonly RandomTensorData _values;
    private readonly int _k;
    private readonly int _n;
    private (byte[] Packed, float[] Scales)? _quantized;

    public BlockQuantizedWeight(RandomTensorData values, int k, int n, TensorProto.Types.DataType scaleType = TensorProto.Types.DataType.Float)
    {
        _values = values;
        _k = k;
        _n = n;
        BlocksPerColumn = (k + BlockSize - 1) / BlockSize;
        Packed = new View(this, (long)n * BlocksPerColumn * BlobBytes, TensorProto.Types.DataType.Uint8, isScales: false);
        Scales = new View(this, (long)n * BlocksPerColumn, scaleType, isScales: true);
    }

    public int BlocksPerColumn { get; }

    /// <summary>uint8 <c>[N, blocks, 16]</c>.</summary>
    public TensorData Packed { get; }

    /// <summary>float32 (or float16 in a q4f16 graph) <c>[N · blocks]</c>.</summary>
    public TensorData Scales { get; }

    private (byte[] Packed, float[] Scales) Quantize()
    {
        var w = _values.ToArray();
        var packed = new byte[(long)_n * BlocksPerColumn * BlobBytes];
        var scales = new float[(long)_n * BlocksPerColumn];
        Span<float> block = stackalloc float[BlockSize];
        for (var column = 0; column < _n; column++)
        {
            for (var b = 0; b < BlocksPerColumn; b++)
            {
                block.Clear();
                var extreme = 0f;
                for (var j = 0; j < BlockSize && b * BlockSize + j < _k; j++)
                {
                    var v = w[(long)(b * BlockSize + j) * _n + column];
                    block[j] = v;
                    if (MathF.Abs(v) > MathF.Abs(extreme))
                    {
                        extreme = v;
                    }
                }
                var scale = StoredScale(extreme / -DefaultZeroPoint);
                var inverse = scale == 0f ? 0f : 1f / scale;
                var index = (long)column * BlocksPerColumn + b;
                scales[index] = scale;
                for (var j = 0; j < BlockSize; j += 2)
                {
                    var low = Math.Clamp((int)MathF.Round(block[j] * inverse) + DefaultZeroPoint, 0, 15);
                    var high = Math.Clamp((int)MathF.Round(block[j + 1] * inverse) + DefaultZeroPoint, 0, 15);
                    packed[index * BlobBytes + j / 2] = (byte)(low | (high << 4));
                }
            }
        }
        return (packed, scales);
    }

    /// <summary>The scale as the graph stores it, so the 4-bit levels are chosen against the value ONNX Runtime multiplies by.</summary>
    private float StoredScale(float scale) => Scales.DataType == TensorProto.Types.DataType.Float16 ? (float)(Half)scale : scale;

    private sealed class View(BlockQuantizedWeight owner, long elementCount, TensorProto.Types.DataType dataType, bool isScales) : TensorData
    {
        public override long ElementCount => elementCount;

        public override TensorProto.Types.DataType DataType => dataType;

        public override void WriteTo(Stream stream)
        {
            owner._quantized ??= owner.Quantize();
            if (isScales)
            {
                WriteFloats(stream, owner._quantized.Value.Scales, new byte[owner._quantized.Value.Scales.Length * 4]);
                owner._quantized = null;
            }
            else
            {
                stream.Write(owner._quantized.Value.Packed);
            }
        }
    }
}
