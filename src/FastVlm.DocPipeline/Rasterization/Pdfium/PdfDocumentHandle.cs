using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>
/// An open FPDF_DOCUMENT together with what must outlive it: its form-fill environment, the FPDF_FILEACCESS
/// block PDFium reads through, and the byte source behind it.
/// </summary>
internal sealed unsafe class PdfDocumentHandle : SafeHandle
{
    private IntPtr form;
    private PdfiumNative.FileAccess* fileAccess;
    private void* formFillInfo;
    private GCHandle sourceHandle;
    private PdfByteSource? source;

    private PdfDocumentHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>FPDF_FORMHANDLE, or zero.</summary>
    public IntPtr Form => form;

    /// <summary>Opens the document. Caller holds the PDFium lock.</summary>
    /// <returns>The handle, or <c>null</c> with PDFium's error code.</returns>
    public static PdfDocumentHandle? Open(PdfiumNative api, PdfByteSource source, string? password, out int error)
    {
        var result = new PdfDocumentHandle { source = source };
        result.sourceHandle = GCHandle.Alloc(source);
        result.fileAccess = (PdfiumNative.FileAccess*)NativeMemory.AllocZeroed((nuint)sizeof(PdfiumNative.FileAccess));
        result.fileAccess->FileLength = (nuint)source.Length;
        result.fileAccess->GetBlock = &PdfByteSource.GetBlock;
        result.fileAccess->Param = GCHandle.ToIntPtr(result.sourceHandle);

        IntPtr document;
        if (password is null)
        {
            document = api.LoadCustomDocument(result.fileAccess, null);
        }
        else
        {
            var utf8 = new byte[System.Text.Encoding.UTF8.GetByteCount(password) + 1];
            System.Text.Encoding.UTF8.GetBytes(password, utf8);
            fixed (byte* p = utf8)
            {
                document = api.LoadCustomDocument(result.fileAccess, p);
            }
        }

        if (document == IntPtr.Zero)
        {
            error = (int)api.GetLastError();
            result.Dispose();
            return null;
        }

        error = PdfiumNative.ErrSuccess;
        result.SetHandle(document);

        // FPDF_FORMFILLINFO version 1 with no callbacks: enough for PDFium to draw form fields (FPDF_FFLDraw).
        result.formFillInfo = NativeMemory.AllocZeroed(512);
        *(int*)result.formFillInfo = 1;
        result.form = api.InitFormFillEnvironment(document, result.formFillInfo);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        using (PdfiumLibrary.EnterLock())
        {
            var api = PdfiumLibrary.Native;
            if (form != IntPtr.Zero)
            {
                api.ExitFormFillEnvironment(form);
                form = IntPtr.Zero;
            }

            api.CloseDocument(handle);
        }

        FreeNative();
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (IsInvalid)
        {
            // Never opened: nothing of PDFium's to close, only our own blocks.
            FreeNative();
        }
    }

    private void FreeNative()
    {
        if (fileAccess is not null)
        {
            NativeMemory.Free(fileAccess);
            fileAccess = null;
        }

        if (formFillInfo is not null)
        {
            NativeMemory.Free(formFillInfo);
            formFillInfo = null;
        }

        if (sourceHandle.IsAllocated)
        {
            sourceHandle.Free();
        }

        source?.Dispose();
        source = null;
    }
}
