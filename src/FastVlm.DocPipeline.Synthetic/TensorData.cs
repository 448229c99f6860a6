using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FastVlm.DocPipeline.Synthetic.Proto;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>The payload of one initializer, produced on demand so large models stream to disk.</summary>
internal abstract class TensorData
{
    public abstract long ElementCount { get; }

    public abstract TensorProto.Types.DataType DataType { get; }

    public int ElementSize => DataType switch
    {
        TensorProto.Types.DataType.Float => 4,
        TensorProto.Types.DataType.Float16 => 2,
        TensorProto.Types.DataType.Int64 => 8,
        TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Int8 => 1,
        _ => throw new NotSupportedException(DataType.ToString()),
    };

    public long ByteLength => ElementCount * ElementSize;

    public abstract void WriteTo(Stream stream);

    /// <summary>Writes float values in the storage type of this tensor (float32 or float16).</summary>
    protected void WriteFloats(Stream stream, ReadOnlySpan<float> values, byte[] buffer)
    {
        if (DataType == TensorProto.Types.DataType.Float)
        {
            var bytes = MemoryMarshal.AsBytes(values);
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(bytes);
                return;
            }
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), values[i]);
            }
            stream.Write(buffer, 0, values.Length * 4);
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(i * 2), (Half)values[i]);
        }
        stream.Write(buffer, 0, values.Length * 2);
    }
}

/// <summary>Seeded uniform random values with a given mean and standard deviation, optionally scaled per column.</summary>
internal sealed class RandomTensorData : TensorData
{
    private const int ChunkElements = 1 << 16;
    private readonly ulong _seed;
    private readonly string _name;
    private readonly float _mean;
    private readonly float _std;
    private readonly float[]? _columnScale;

    public RandomTensorData(ulong seed, string name, long elementCount, float mean, float std, float[]? columnScale, TensorProto.Types.DataType dataType)
    {
        _seed = seed;
        _name = name;
        ElementCount = elementCount;
        _mean = mean;
        _std = std;
        _columnScale = columnScale;
        DataType = dataType;
    }

    public override long ElementCount { get; }

    public override TensorProto.Types.DataType DataType { get; }

    public override void WriteTo(Stream stream)
    {
        var buffer = new byte[ChunkElements * 4];
        Generate(chunk => WriteFloats(stream, chunk, buffer));
    }

    /// <summary>All values in memory, the same ones <see cref="WriteTo"/> writes (for quantizing them).</summary>
    public float[] ToArray()
    {
        var all = new float[ElementCount];
        long offset = 0;
        Generate(chunk =>
        {
            chunk.CopyTo(all.AsSpan((int)offset));
            offset += chunk.Length;
        });
        return all;
    }

    private void Generate(ChunkAction consume)
    {
        var random = new SeededRandom(_seed, _name);
        var values = new float[ChunkElements];
        var amplitude = _std * MathF.Sqrt(3f);
        long produced = 0;
        while (produced < ElementCount)
        {
            var n = (int)Math.Min(ChunkElements, ElementCount - produced);
            for (var i = 0; i < n; i++)
            {
                var v = random.NextSigned() * amplitude;
                if (_columnScale is not null)
                {
                    v *= _columnScale[(produced + i) % _columnScale.Length];
                }
                values[i] = _mean + v;
            }
            consume(values.AsSpan(0, n));
            produced += n;
        }
    }

    private delegate void ChunkAction(ReadOnlySpan<float> chunk);
}

/// <summary>Explicit float values.</summary>
internal sealed class FloatTensorData : TensorData
{
    private readonly float[] _values;

    public FloatTensorData(float[] values, TensorProto.Types.DataType dataType)
    {
        _values = values;
        DataType = dataType;
    }

    public override long ElementCount => _values.Length;

    public override TensorProto.Types.DataType DataType { get; }

    public override void WriteTo(Stream stream) => WriteFloats(stream, _values, new byte[_values.Length * 4]);
}

/// <summary>Explicit int64 values (shapes, axes, indices).</summary>
internal sealed class Int64TensorData : TensorData
{
    private readonly long[] _values;

    public Int64TensorData(long[] values) => _values = values;

    public override long ElementCount => _values.Length;

    public override TensorProto.Types.DataType DataType => TensorProto.Types.DataType.Int64;

    public override void WriteTo(Stream stream)
    {
        var buffer = new byte[_values.Length * 8];
        for (var i = 0; i < _values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(i * 8), _values[i]);
        }
        stream.Write(buffer);
    }
}

/// <summary>Explicit 8-bit values (int8 stored as their two's-complement bytes).</summary>
internal sealed class ByteTensorData(byte[] values, TensorProto.Types.DataType dataType) : TensorData
{
    public override long ElementCount => values.Length;

    public override TensorProto.Types.DataType DataType => dataType;

    public override void WriteTo(Stream stream) => stream.Write(values);
}
