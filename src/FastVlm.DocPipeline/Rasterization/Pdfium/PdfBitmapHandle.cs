using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>An FPDF_BITMAP over a caller-owned (pinned) pixel buffer.</summary>
internal sealed class PdfBitmapHandle : SafeHandle
{
    private PdfBitmapHandle(IntPtr bitmap)
        : base(IntPtr.Zero, ownsHandle: true) => SetHandle(bitmap);

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Wraps <paramref name="buffer"/> (packed 24-bit, stride = width × 3). Caller holds the PDFium lock.</summary>
    public static unsafe PdfBitmapHandle? CreateRgb24(PdfiumNative api, int width, int height, byte* buffer)
    {
        var bitmap = api.BitmapCreateEx(width, height, PdfiumNative.BitmapFormatBgr, buffer, width * 3);
        return bitmap == IntPtr.Zero ? null : new PdfBitmapHandle(bitmap);
    }

    protected override unsafe bool ReleaseHandle()
    {
        using (PdfiumLibrary.EnterLock())
        {
            PdfiumLibrary.Native.BitmapDestroy(handle);
        }

        return true;
    }
}
