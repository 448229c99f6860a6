using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>
/// The slice of PDFium's C API the rasteriser uses, bound through function pointers to a library loaded from an
/// explicit path (see <see cref="PdfiumLibrary"/>). Call only while holding <see cref="PdfiumLibrary"/>'s lock.
/// </summary>
internal sealed unsafe class PdfiumNative
{
    public const int ErrSuccess = 0;
    public const int ErrUnknown = 1;
    public const int ErrFile = 2;
    public const int ErrFormat = 3;
    public const int ErrPassword = 4;
    public const int ErrSecurity = 5;
    public const int ErrPage = 6;

    public const int RenderAnnotations = 0x01;
    public const int RenderReverseByteOrder = 0x10;

    public const int BitmapFormatBgr = 2;

    public const int AnnotWidget = 20;
    public const int FormFieldComboBox = 4;
    public const int FormFieldTextField = 6;

    public const int RenderToBeContinued = 1;
    public const int RenderDone = 2;
    public const int RenderFailed = 3;

    private PdfiumNative(IntPtr library)
    {
        InitLibraryWithConfig = (delegate* unmanaged<LibraryConfig*, void>)Export(library, "FPDF_InitLibraryWithConfig");
        GetLastError = (delegate* unmanaged<nuint>)Export(library, "FPDF_GetLastError");
        LoadCustomDocument = (delegate* unmanaged<FileAccess*, byte*, IntPtr>)Export(library, "FPDF_LoadCustomDocument");
        CloseDocument = (delegate* unmanaged<IntPtr, void>)Export(library, "FPDF_CloseDocument");
        GetPageCount = (delegate* unmanaged<IntPtr, int>)Export(library, "FPDF_GetPageCount");
        LoadPage = (delegate* unmanaged<IntPtr, int, IntPtr>)Export(library, "FPDF_LoadPage");
        ClosePage = (delegate* unmanaged<IntPtr, void>)Export(library, "FPDF_ClosePage");
        GetPageWidthF = (delegate* unmanaged<IntPtr, float>)Export(library, "FPDF_GetPageWidthF");
        GetPageHeightF = (delegate* unmanaged<IntPtr, float>)Export(library, "FPDF_GetPageHeightF");
        PageGetRotation = (delegate* unmanaged<IntPtr, int>)Export(library, "FPDFPage_GetRotation");
        BitmapCreateEx = (delegate* unmanaged<int, int, int, void*, int, IntPtr>)Export(library, "FPDFBitmap_CreateEx");
        BitmapFillRect = (delegate* unmanaged<IntPtr, int, int, int, int, uint, int>)Export(library, "FPDFBitmap_FillRect");
        BitmapDestroy = (delegate* unmanaged<IntPtr, void>)Export(library, "FPDFBitmap_Destroy");
        RenderPageBitmapStart = (delegate* unmanaged<IntPtr, IntPtr, int, int, int, int, int, int, Pause*, int>)Export(library, "FPDF_RenderPageBitmap_Start");
        RenderPageContinue = (delegate* unmanaged<IntPtr, Pause*, int>)Export(library, "FPDF_RenderPage_Continue");
        RenderPageClose = (delegate* unmanaged<IntPtr, void>)Export(library, "FPDF_RenderPage_Close");
        TextLoadPage = (delegate* unmanaged<IntPtr, IntPtr>)Export(library, "FPDFText_LoadPage");
        TextCountChars = (delegate* unmanaged<IntPtr, int>)Export(library, "FPDFText_CountChars");
        TextClosePage = (delegate* unmanaged<IntPtr, void>)Export(library, "FPDFText_ClosePage");
        TextGetUnicode = (delegate* unmanaged<IntPtr, int, uint>)Export(library, "FPDFText_GetUnicode");
        TextGetLooseCharBox = (delegate* unmanaged<IntPtr, int, RectF*, int>)Export(library, "FPDFText_GetLooseCharBox");
        PageToDevice = (delegate* unmanaged<IntPtr, int, int, int, int, int, double, double, int*, int*, int>)Export(library, "FPDF_PageToDevice");
        PageGetAnnotCount = (delegate* unmanaged<IntPtr, int>)Export(library, "FPDFPage_GetAnnotCount");
        PageGetAnnot = (delegate* unmanaged<IntPtr, int, IntPtr>)Export(library, "FPDFPage_GetAnnot");
        PageCloseAnnot = (delegate* unmanaged<IntPtr, void>)Export(library, "FPDFPage_CloseAnnot");
        AnnotGetSubtype = (delegate* unmanaged<IntPtr, int>)Export(library, "FPDFAnnot_GetSubtype");
        AnnotGetRect = (delegate* unmanaged<IntPtr, RectF*, int>)Export(library, "FPDFAnnot_GetRect");
        AnnotGetFormFieldType = (delegate* unmanaged<IntPtr, IntPtr, int>)Export(library, "FPDFAnnot_GetFormFieldType");
        AnnotGetFormFieldValue = (delegate* unmanaged<IntPtr, IntPtr, ushort*, nuint, nuint>)Export(library, "FPDFAnnot_GetFormFieldValue");
        InitFormFillEnvironment = (delegate* unmanaged<IntPtr, void*, IntPtr>)Export(library, "FPDFDOC_InitFormFillEnvironment");
        ExitFormFillEnvironment = (delegate* unmanaged<IntPtr, void>)Export(library, "FPDFDOC_ExitFormFillEnvironment");
        FormOnAfterLoadPage = (delegate* unmanaged<IntPtr, IntPtr, void>)Export(library, "FORM_OnAfterLoadPage");
        FormOnBeforeClosePage = (delegate* unmanaged<IntPtr, IntPtr, void>)Export(library, "FORM_OnBeforeClosePage");
        FfldDraw = (delegate* unmanaged<IntPtr, IntPtr, IntPtr, int, int, int, int, int, int, void>)Export(library, "FPDF_FFLDraw");
    }

    public delegate* unmanaged<LibraryConfig*, void> InitLibraryWithConfig { get; }
    public delegate* unmanaged<nuint> GetLastError { get; }
    public delegate* unmanaged<FileAccess*, byte*, IntPtr> LoadCustomDocument { get; }
    public delegate* unmanaged<IntPtr, void> CloseDocument { get; }
    public delegate* unmanaged<IntPtr, int> GetPageCount { get; }
    public delegate* unmanaged<IntPtr, int, IntPtr> LoadPage { get; }
    public delegate* unmanaged<IntPtr, void> ClosePage { get; }
    public delegate* unmanaged<IntPtr, float> GetPageWidthF { get; }
    public delegate* unmanaged<IntPtr, float> GetPageHeightF { get; }
    public delegate* unmanaged<IntPtr, int> PageGetRotation { get; }
    public delegate* unmanaged<int, int, int, void*, int, IntPtr> BitmapCreateEx { get; }
    public delegate* unmanaged<IntPtr, int, int, int, int, uint, int> BitmapFillRect { get; }
    public delegate* unmanaged<IntPtr, void> BitmapDestroy { get; }
    public delegate* unmanaged<IntPtr, IntPtr, int, int, int, int, int, int, Pause*, int> RenderPageBitmapStart { get; }
    public delegate* unmanaged<IntPtr, Pause*, int> RenderPageContinue { get; }
    public delegate* unmanaged<IntPtr, void> RenderPageClose { get; }
    public delegate* unmanaged<IntPtr, IntPtr> TextLoadPage { get; }
    public delegate* unmanaged<IntPtr, int> TextCountChars { get; }
    public delegate* unmanaged<IntPtr, void> TextClosePage { get; }
    public delegate* unmanaged<IntPtr, int, uint> TextGetUnicode { get; }
    public delegate* unmanaged<IntPtr, int, RectF*, int> TextGetLooseCharBox { get; }
    public delegate* unmanaged<IntPtr, int, int, int, int, int, double, double, int*, int*, int> PageToDevice { get; }
    public delegate* unmanaged<IntPtr, int> PageGetAnnotCount { get; }
    public delegate* unmanaged<IntPtr, int, IntPtr> PageGetAnnot { get; }
    public delegate* unmanaged<IntPtr, void> PageCloseAnnot { get; }
    public delegate* unmanaged<IntPtr, int> AnnotGetSubtype { get; }
    public delegate* unmanaged<IntPtr, RectF*, int> AnnotGetRect { get; }
    public delegate* unmanaged<IntPtr, IntPtr, int> AnnotGetFormFieldType { get; }
    public delegate* unmanaged<IntPtr, IntPtr, ushort*, nuint, nuint> AnnotGetFormFieldValue { get; }
    public delegate* unmanaged<IntPtr, void*, IntPtr> InitFormFillEnvironment { get; }
    public delegate* unmanaged<IntPtr, void> ExitFormFillEnvironment { get; }
    public delegate* unmanaged<IntPtr, IntPtr, void> FormOnAfterLoadPage { get; }
    public delegate* unmanaged<IntPtr, IntPtr, void> FormOnBeforeClosePage { get; }
    public delegate* unmanaged<IntPtr, IntPtr, IntPtr, int, int, int, int, int, int, void> FfldDraw { get; }

    public static PdfiumNative Bind(IntPtr library) => new(library);

    private static IntPtr Export(IntPtr library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new RasterizationException(
                RasterizationErrorCodes.NativeLibraryMissing,
                $"The loaded PDFium library does not export {name}; it is not a full PDFium build. Run scripts/setup-pdfium.sh.");

    /// <summary>FPDF_LIBRARY_CONFIG, version 2.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LibraryConfig
    {
        public int Version;
        public IntPtr UserFontPaths;
        public IntPtr Isolate;
        public uint V8EmbedderSlot;
        public IntPtr Platform;
    }

    /// <summary>FPDF_FILEACCESS: PDFium pulls byte ranges through <see cref="GetBlock"/>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct FileAccess
    {
        public nuint FileLength;
        public delegate* unmanaged<IntPtr, nuint, byte*, nuint, int> GetBlock;
        public IntPtr Param;
    }

    /// <summary>FS_RECTF, in page space (PDF points, y up).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RectF
    {
        public float Left;
        public float Top;
        public float Right;
        public float Bottom;
    }

    /// <summary>IFSDK_PAUSE: asked between page objects whether a progressive render should yield.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Pause
    {
        public int Version;
        public delegate* unmanaged<Pause*, int> NeedToPauseNow;
        public IntPtr User;
    }
}
