using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>
/// Small helpers over <see cref="OrtValue"/>: tensors allocated by ONNX Runtime's CPU allocator (so nothing
/// managed has to stay pinned) and typed views of their bytes for float32/float16/int64 data.
/// </summary>
internal static class OrtTensors
{
    public static OrtValue Allocate(TensorElementType type, params long[] shape) =>
        OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type, shape);

    public static Span<T> Mutable<T>(OrtValue value) where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(value.GetTensorMutableRawData());

    /// <summary>The address of a CPU tensor's data (valid while the value lives), for views over it.</summary>
    public static unsafe IntPtr Address(OrtValue value)
    {
        fixed (byte* data = value.GetTensorMutableRawData())
        {
            return (IntPtr)data;
        }
    }

    public static ReadOnlySpan<T> Read<T>(OrtValue value) where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(value.GetTensorMutableRawData());

    /// <summary>Bytes per element of the float32/float16/int64/bool tensors the engine handles.</summary>
    public static int SizeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float => sizeof(float),
        TensorElementType.Float16 => 2,
        TensorElementType.Int64 => sizeof(long),
        TensorElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an element type the engine uses."),
    };

    public static long[] Shape(OrtValue value) => value.GetTensorTypeAndShape().Shape;

    public static TensorElementType ElementType(OrtValue value) => value.GetTensorTypeAndShape().ElementDataType;

    public static OrtValue Int64(long[] shape, ReadOnlySpan<long> data)
    {
        var value = Allocate(TensorElementType.Int64, shape);
        data.CopyTo(Mutable<long>(value));
        return value;
    }

    public static OrtValue Int64(long[] shape, long fill)
    {
        var value = Allocate(TensorElementType.Int64, shape);
        Mutable<long>(value).Fill(fill);
        return value;
    }

    /// <summary>Copies float32 or float16 elements into float32 or float16 elements, converting when the types differ.</summary>
    public static void CopyConvert(OrtValue source, int sourceOffset, OrtValue destination, int destinationOffset, int count) =>
        CopyConvert(source, ElementType(source), sourceOffset, destination, ElementType(destination), destinationOffset, count);

    /// <summary>Like <see cref="CopyConvert(OrtValue, int, OrtValue, int, int)"/> with the element types known (reading them allocates).</summary>
    public static void CopyConvert(
        OrtValue source, TensorElementType srcType, int sourceOffset, OrtValue destination, TensorElementType dstType, int destinationOffset, int count)
    {
        if (srcType == TensorElementType.Float && dstType == TensorElementType.Float)
        {
            Read<float>(source).Slice(sourceOffset, count).CopyTo(Mutable<float>(destination).Slice(destinationOffset, count));
        }
        else if (srcType == TensorElementType.Float16 && dstType == TensorElementType.Float16)
        {
            Read<Half>(source).Slice(sourceOffset, count).CopyTo(Mutable<Half>(destination).Slice(destinationOffset, count));
        }
        else if (srcType == TensorElementType.Float16)
        {
            var src = Read<Half>(source).Slice(sourceOffset, count);
            var dst = Mutable<float>(destination).Slice(destinationOffset, count);
            for (var i = 0; i < count; i++)
            {
                dst[i] = (float)src[i];
            }
        }
        else
        {
            var src = Read<float>(source).Slice(sourceOffset, count);
            var dst = Mutable<Half>(destination).Slice(destinationOffset, count);
            for (var i = 0; i < count; i++)
            {
                dst[i] = (Half)src[i];
            }
        }
    }

    /// <summary>Copies float32 elements into a float32 or float16 tensor.</summary>
    public static void CopyConvert(ReadOnlySpan<float> source, OrtValue destination, int destinationOffset)
    {
        if (ElementType(destination) == TensorElementType.Float)
        {
            source.CopyTo(Mutable<float>(destination).Slice(destinationOffset, source.Length));
            return;
        }

        var dst = Mutable<Half>(destination).Slice(destinationOffset, source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            dst[i] = (Half)source[i];
        }
    }

    /// <summary>Copies a float32 or float16 tensor's elements into float32.</summary>
    public static void CopyToFloat(OrtValue source, int sourceOffset, Span<float> destination)
    {
        if (ElementType(source) == TensorElementType.Float)
        {
            Read<float>(source).Slice(sourceOffset, destination.Length).CopyTo(destination);
            return;
        }

        var src = Read<Half>(source).Slice(sourceOffset, destination.Length);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)src[i];
        }
    }
}
