using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>An FPDF_PAGE, announced to and withdrawn from the document's form-fill environment.</summary>
internal sealed class PdfPageHandle : SafeHandle
{
    private readonly IntPtr form;

    private PdfPageHandle(IntPtr page, IntPtr form)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        this.form = form;
        SetHandle(page);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Loads a page. Caller holds the PDFium lock.</summary>
    public static unsafe PdfPageHandle? Load(PdfiumNative api, PdfDocumentHandle document, int index)
    {
        var page = api.LoadPage(document.DangerousGetHandle(), index);
        if (page == IntPtr.Zero)
        {
            return null;
        }

        if (document.Form != IntPtr.Zero)
        {
            api.FormOnAfterLoadPage(page, document.Form);
        }

        return new PdfPageHandle(page, document.Form);
    }

    protected override unsafe bool ReleaseHandle()
    {
        using (PdfiumLibrary.EnterLock())
        {
            var api = PdfiumLibrary.Native;
            if (form != IntPtr.Zero)
            {
                api.FormOnBeforeClosePage(handle, form);
            }

            api.ClosePage(handle);
        }

        return true;
    }
}
