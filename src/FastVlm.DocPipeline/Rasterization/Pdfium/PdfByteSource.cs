using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>
/// The bytes of a PDF as PDFium sees them: a seekable stream from <see cref="Origin"/>, read on demand so a
/// large file is never held in memory. PDFium calls <see cref="GetBlock"/> while the caller holds the lock.
/// </summary>
internal sealed class PdfByteSource(Stream stream, long origin, long length, bool ownsStream) : IDisposable
{
    public long Origin { get; } = origin;

    public long Length { get; } = length;

    /// <summary>The first read failure, if any (PDFium only learns that the read failed).</summary>
    public Exception? ReadError { get; private set; }

    public void Dispose()
    {
        if (ownsStream)
        {
            stream.Dispose();
        }
    }

    [UnmanagedCallersOnly]
    public static unsafe int GetBlock(IntPtr param, nuint position, byte* buffer, nuint size)
    {
        // Nothing may escape into native code: any failure becomes "read failed" for PDFium.
        try
        {
            var source = (PdfByteSource)GCHandle.FromIntPtr(param).Target!;
            return source.Read((long)position, new Span<byte>(buffer, checked((int)size))) ? 1 : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    private bool Read(long position, Span<byte> destination)
    {
        if (position < 0 || position + destination.Length > Length)
        {
            return false;
        }

        try
        {
            stream.Position = Origin + position;
            stream.ReadExactly(destination);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException or EndOfStreamException)
        {
            ReadError ??= ex;
            return false;
        }
    }
}
