using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Rasterization.Pdfium;

/// <summary>
/// Reads a page's text layer with its character boxes mapped into the rendered bitmap's pixels through the same
/// display transform the renderer uses (page rotation, crop box origin and scale included).
/// </summary>
internal static unsafe class PdfTextReader
{
    // FPDF_PageToDevice answers in whole device pixels: ask for a bitmap this many times larger, then scale back.
    private const int SubPixel = 16;

    private const int MaxFieldValueChars = 4096;

    /// <summary>
    /// Caller holds the PDFium lock. The page's characters, then the values of its text and combo box form fields
    /// (those are not page content). Null when the page has neither.
    /// </summary>
    public static PageText? Read(PdfiumNative api, PdfPageHandle page, IntPtr form, int width, int height, int maxChars)
    {
        var pagePtr = page.DangerousGetHandle();
        var transform = Transform.Of(api, pagePtr, width, height);
        var builder = new PageTextBuilder(width, height);
        var read = 0;
        var truncated = false;
        using (var textPage = PdfTextPageHandle.Load(api, page))
        {
            if (textPage is not null)
            {
                var text = textPage.DangerousGetHandle();
                var count = Math.Max(0, api.TextCountChars(text));
                var limit = Math.Min(count, maxChars);
                for (; read < limit; read++)
                {
                    var unicode = api.TextGetUnicode(text, read);
                    PdfiumNative.RectF rect;
                    PixelBox? box = api.TextGetLooseCharBox(text, read, &rect) != 0 ? transform.Map(rect) : null;
                    builder.Add(unicode, box);
                }

                truncated = count > limit;
            }
        }

        if (form != IntPtr.Zero)
        {
            truncated |= !ReadFieldValues(api, pagePtr, form, transform, builder, maxChars - read);
        }

        var result = builder.Build(truncated);
        return result.Words.Count == 0 ? null : result;
    }

    /// <summary>False when the character budget ran out.</summary>
    private static bool ReadFieldValues(PdfiumNative api, IntPtr page, IntPtr form, Transform transform, PageTextBuilder builder, int budget)
    {
        var count = api.PageGetAnnotCount(page);
        var buffer = stackalloc ushort[MaxFieldValueChars + 1];
        for (var i = 0; i < count; i++)
        {
            var annot = api.PageGetAnnot(page, i);
            if (annot == IntPtr.Zero)
            {
                continue;
            }

            try
            {
                if (api.AnnotGetSubtype(annot) != PdfiumNative.AnnotWidget
                    || api.AnnotGetFormFieldType(form, annot) is not (PdfiumNative.FormFieldTextField or PdfiumNative.FormFieldComboBox))
                {
                    continue;
                }

                PdfiumNative.RectF rect;
                if (api.AnnotGetRect(annot, &rect) == 0 || transform.Map(Normalise(rect)) is not { } box)
                {
                    continue;
                }

                var bytes = api.AnnotGetFormFieldValue(form, annot, buffer, (nuint)((MaxFieldValueChars + 1) * sizeof(ushort)));
                var chars = (int)Math.Min((ulong)bytes / sizeof(ushort), MaxFieldValueChars + 1) - 1;
                if (chars <= 0)
                {
                    continue;
                }

                if (chars > budget)
                {
                    return false;
                }

                budget -= chars;
                builder.AddFieldValue(new string((char*)buffer, 0, chars), box);
            }
            finally
            {
                api.PageCloseAnnot(annot);
            }
        }

        return true;
    }

    private static PdfiumNative.RectF Normalise(PdfiumNative.RectF rect) => new()
    {
        Left = Math.Min(rect.Left, rect.Right),
        Right = Math.Max(rect.Left, rect.Right),
        Top = Math.Max(rect.Top, rect.Bottom),
        Bottom = Math.Min(rect.Top, rect.Bottom),
    };

    /// <summary>The affine page-space → pixel transform, recovered from three mapped points.</summary>
    private readonly record struct Transform(double X0, double Y0, double Xx, double Xy, double Yx, double Yy)
    {
        private const double Step = 1000;

        public static Transform Of(PdfiumNative api, IntPtr page, int width, int height)
        {
            var (ox, oy) = ToDevice(api, page, width, height, 0, 0);
            var (ax, ay) = ToDevice(api, page, width, height, Step, 0);
            var (bx, by) = ToDevice(api, page, width, height, 0, Step);
            return new Transform(ox, oy, (ax - ox) / Step, (ay - oy) / Step, (bx - ox) / Step, (by - oy) / Step);
        }

        public PixelBox? Map(PdfiumNative.RectF rect)
        {
            if (!float.IsFinite(rect.Left) || !float.IsFinite(rect.Right) || !float.IsFinite(rect.Top) || !float.IsFinite(rect.Bottom))
            {
                return null;
            }

            var (x1, y1) = Apply(rect.Left, rect.Top);
            var (x2, y2) = Apply(rect.Right, rect.Bottom);
            var (x3, y3) = Apply(rect.Left, rect.Bottom);
            var (x4, y4) = Apply(rect.Right, rect.Top);
            return new PixelBox(
                Math.Min(Math.Min(x1, x2), Math.Min(x3, x4)),
                Math.Min(Math.Min(y1, y2), Math.Min(y3, y4)),
                Math.Max(Math.Max(x1, x2), Math.Max(x3, x4)),
                Math.Max(Math.Max(y1, y2), Math.Max(y3, y4)));
        }

        private (double X, double Y) Apply(double x, double y) => (X0 + Xx * x + Yx * y, Y0 + Xy * x + Yy * y);

        private static (double X, double Y) ToDevice(PdfiumNative api, IntPtr page, int width, int height, double x, double y)
        {
            int dx, dy;
            api.PageToDevice(page, 0, 0, width * SubPixel, height * SubPixel, 0, x, y, &dx, &dy);
            return (dx / (double)SubPixel, dy / (double)SubPixel);
        }
    }
}
