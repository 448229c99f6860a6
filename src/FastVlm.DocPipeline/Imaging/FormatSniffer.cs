namespace FastVlm.DocPipeline.Imaging;

/// <summary>Identifies an input by its magic bytes.</summary>
public static class FormatSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at (PDF allows junk before <c>%PDF-</c> within 1 KiB).</summary>
    public const int HeaderLength = 1024;

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    public static DocumentFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PdfMagic))
        {
            return DocumentFormat.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return DocumentFormat.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return DocumentFormat.Jpeg;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return DocumentFormat.WebP;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return DocumentFormat.Gif;
        }

        if (IsBmpHeader(head))
        {
            return DocumentFormat.Bmp;
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return DocumentFormat.Tiff;
        }

        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return DocumentFormat.Heif;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, (byte)'j', (byte)'P', 0x20, 0x20])
            || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]))
        {
            return DocumentFormat.Jpeg2000;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00]))
        {
            return DocumentFormat.Ico;
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return DocumentFormat.Zip;
        }

        // A PDF may carry a little junk before its header; PDFium accepts it, so do we.
        var pdfAt = head[..Math.Min(head.Length, HeaderLength)].IndexOf(PdfMagic);
        if (pdfAt > 0)
        {
            return DocumentFormat.Pdf;
        }

        return LooksLikeText(head) ? DocumentFormat.Text : DocumentFormat.Unknown;
    }

    /// <summary>A short human name for error messages.</summary>
    public static string Describe(DocumentFormat format) => format switch
    {
        DocumentFormat.Pdf => "PDF",
        DocumentFormat.Png => "PNG",
        DocumentFormat.Jpeg => "JPEG",
        DocumentFormat.WebP => "WebP",
        DocumentFormat.Bmp => "BMP",
        DocumentFormat.Gif => "GIF",
        DocumentFormat.Tiff => "TIFF",
        DocumentFormat.Heif => "HEIF/AVIF (ISO media)",
        DocumentFormat.Jpeg2000 => "JPEG 2000",
        DocumentFormat.Ico => "ICO",
        DocumentFormat.Zip => "ZIP archive (also DOCX/XLSX/ODT)",
        DocumentFormat.Text => "plain text",
        _ => "unknown binary data",
    };

    /// <summary>The value of a rasterised document's <c>Format</c> for a supported format.</summary>
    public static string ToFormatName(DocumentFormat format) => format switch
    {
        DocumentFormat.Pdf => "pdf",
        DocumentFormat.Png => "png",
        DocumentFormat.Jpeg => "jpeg",
        DocumentFormat.WebP => "webp",
        DocumentFormat.Bmp => "bmp",
        DocumentFormat.Gif => "gif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a supported format."),
    };

    public static bool IsSupportedImage(DocumentFormat format) =>
        format is DocumentFormat.Png or DocumentFormat.Jpeg or DocumentFormat.WebP or DocumentFormat.Bmp or DocumentFormat.Gif;

    /// <summary>
    /// "BM", then the 14-byte file header's pixel-data offset and the DIB header's own size: the size must be one
    /// of the header versions that exist (OS/2 12 or 16 or 64, Windows 40, 52, 56, 108, 124) and the pixels must
    /// start after both headers. Text that happens to start with "BM" fails these checks.
    /// </summary>
    private static bool IsBmpHeader(ReadOnlySpan<byte> head)
    {
        if (head.Length < 18 || !head.StartsWith("BM"u8))
        {
            return false;
        }

        var pixelOffset = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head[10..]);
        var dibSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head[14..]);
        return dibSize is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124 && pixelOffset >= 14 + dibSize;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        var sample = head[..Math.Min(head.Length, 512)];
        if (sample.Contains((byte)0))
        {
            return false;
        }

        // The sample may end inside a multi-byte character: allow up to three trailing bytes to be cut off.
        for (var trim = 0; trim <= Math.Min(3, sample.Length - 1); trim++)
        {
            if (System.Text.Unicode.Utf8.IsValid(sample[..^trim]))
            {
                return true;
            }
        }

        return false;
    }
}
