namespace FastVlm.DocPipeline.Tests.Rasterization;

/// <summary>
/// A stream of <paramref name="length"/> bytes starting with a PDF header and then zeros, produced on demand
/// (simulates a 1 GB upload without allocating it). Seekable or not.
/// </summary>
internal sealed class HugeStream(long length, bool seekable) : Stream
{
    private static readonly byte[] Header = "%PDF-1.7\n"u8.ToArray();
    private long position;

    public long BytesRead { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => seekable;
    public override bool CanWrite => false;
    public override long Length => seekable ? length : throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => position = seekable ? value : throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - position);
        if (n <= 0)
        {
            return 0;
        }

        Array.Clear(buffer, offset, n);
        for (var i = 0; i < n && position + i < Header.Length; i++)
        {
            buffer[offset + i] = Header[position + i];
        }

        position += n;
        BytesRead += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => position + offset, _ => length + offset };
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
