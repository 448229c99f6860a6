using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Synthetic.Proto;
using Google.Protobuf;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>
/// Writes a <see cref="OnnxGraphBuilder"/> as a single-file ONNX model, streaming each initializer's
/// payload straight to disk: the protobuf framing is computed from the known payload sizes, so no
/// message larger than one small tensor header is ever built in memory.
/// </summary>
internal static class OnnxModelWriter
{
    public const int OpsetVersion = 17;
    public const long IrVersion = 8;
    private const long MaxProtobufBytes = int.MaxValue;
    private const uint GraphFieldTag = (7 << 3) | 2;
    private const uint InitializerFieldTag = (5 << 3) | 2;
    private const uint RawDataFieldTag = (9 << 3) | 2;

    /// <summary>Writes the model and returns its size in bytes.</summary>
    public static async Task<long> WriteAsync(OnnxGraphBuilder builder, string path, CancellationToken cancellationToken)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "FastVlm.DocPipeline.synthetic",
            ProducerVersion = "1",
            OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion } },
        };
        if (builder.UsesMicrosoftDomain)
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxGraphBuilder.MicrosoftDomain, Version = 1 });
        }
        var header = model.ToByteArray();
        var graphWithoutWeights = builder.Graph.ToByteArray();

        var initializerHeaders = new List<(byte[] Meta, long MessageLength)>(builder.Initializers.Count);
        long graphLength = graphWithoutWeights.Length;
        foreach (var (meta, data) in builder.Initializers)
        {
            var metaBytes = meta.ToByteArray();
            var messageLength = metaBytes.Length + VarintLength(RawDataFieldTag) + VarintLength((ulong)data.ByteLength) + data.ByteLength;
            initializerHeaders.Add((metaBytes, messageLength));
            graphLength += VarintLength(InitializerFieldTag) + VarintLength((ulong)messageLength) + messageLength;
        }
        var total = header.Length + VarintLength(GraphFieldTag) + VarintLength((ulong)graphLength) + graphLength;
        if (total > MaxProtobufBytes)
        {
            throw new DocPipelineException(
                "model.synthetic_too_large",
                $"The synthetic graph '{builder.Graph.Name}' would be {total} bytes, over protobuf's 2 GiB limit for a single-file ONNX model. Use smaller dimensions.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".partial";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            await file.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await WriteVarintAsync(file, GraphFieldTag, cancellationToken).ConfigureAwait(false);
            await WriteVarintAsync(file, (ulong)graphLength, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(graphWithoutWeights, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < builder.Initializers.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var data = builder.Initializers[i].Data;
                var (metaBytes, messageLength) = initializerHeaders[i];
                await WriteVarintAsync(file, InitializerFieldTag, cancellationToken).ConfigureAwait(false);
                await WriteVarintAsync(file, (ulong)messageLength, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(metaBytes, cancellationToken).ConfigureAwait(false);
                await WriteVarintAsync(file, RawDataFieldTag, cancellationToken).ConfigureAwait(false);
                await WriteVarintAsync(file, (ulong)data.ByteLength, cancellationToken).ConfigureAwait(false);
                // Generation is CPU-bound and chunked; the FileStream buffers it.
                data.WriteTo(file);
            }
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        File.Move(temporary, path, overwrite: true);
        return total;
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    private static ValueTask WriteVarintAsync(Stream stream, ulong value, CancellationToken cancellationToken)
    {
        var buffer = new byte[10];
        var n = 0;
        while (value >= 0x80)
        {
            buffer[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[n++] = (byte)value;
        return stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
    }
}
