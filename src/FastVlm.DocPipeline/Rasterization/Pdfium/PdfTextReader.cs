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

    /// <summary>Caller holds the PDFium lock. Null when the page has no text layer.</summary>
    public static PageText? Read(PdfiumNative api, PdfPageHandle page, int width, int height, int maxChars)
    {
        using var textPage = PdfTextPageHandle.Load(api, page);
        if (textPage is null)
        {
            return null;
        }

        var text = textPage.DangerousGetHandle();
        var count = api.TextCountChars(text);
        if (count <= 0)
        {
            return null;
        }

        var pagePtr = page.DangerousGetHandle();
        var transform = Transform.Of(api, pagePtr, width, height);
        var builder = new PageTextBuilder(width, height);
        var limit = Math.Min(count, maxChars);
        for (var i = 0; i < limit; i++)
        {
            var unicode = api.TextGetUnicode(text, i);
            PdfiumNative.RectF rect;
            PixelBox? box = api.TextGetLooseCharBox(text, i, &rect) != 0 ? transform.Map(rect) : null;
            builder.Add(unicode, box);
        }

        var result = builder.Build(truncated: count > limit);
        return result.Words.Count == 0 ? null : result;
    }

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
