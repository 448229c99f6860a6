using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>An FPDF_TEXTPAGE (the page's extracted text layer).</summary>
internal sealed class PdfTextPageHandle : SafeHandle
{
    private PdfTextPageHandle(IntPtr textPage)
        : base(IntPtr.Zero, ownsHandle: true) => SetHandle(textPage);

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Caller holds the PDFium lock.</summary>
    public static unsafe PdfTextPageHandle? Load(PdfiumNative api, PdfPageHandle page)
    {
        var textPage = api.TextLoadPage(page.DangerousGetHandle());
        return textPage == IntPtr.Zero ? null : new PdfTextPageHandle(textPage);
    }

    protected override unsafe bool ReleaseHandle()
    {
        using (PdfiumLibrary.EnterLock())
        {
            PdfiumLibrary.Native.TextClosePage(handle);
        }

        return true;
    }
}
