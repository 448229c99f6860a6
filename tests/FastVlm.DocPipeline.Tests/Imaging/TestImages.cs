using System.Buffers.Binary;
using SkiaSharp;

namespace FastVlm.DocPipeline.Tests.Imaging;

/// <summary>Encoded test images: Skia for PNG/JPEG/WebP, hand-written bytes for BMP, GIF and crafted headers.</summary>
internal static class TestImages
{
    /// <summary>A <paramref name="width"/>×<paramref name="height"/> image, left half red and right half blue.</summary>
    public static byte[] Halves(int width, int height, SKEncodedImageFormat format, int quality = 95)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }

        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A fully transparent PNG.</summary>
    public static byte[] TransparentPng(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 segment with the given orientation right after the JPEG SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        var tiff = new byte[26];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(22), 0);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A 24-bit bottom-up BMP; <paramref name="pixel"/> gives (R, G, B) for (x, y) with y = 0 at the top.</summary>
    public static byte[] Bmp(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var stride = (width * 3 + 3) & ~3;
        var bytes = new byte[54 + stride * height];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + (height - 1 - y) * stride;
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                bytes[row + x * 3] = b;
                bytes[row + x * 3 + 1] = g;
                bytes[row + x * 3 + 2] = r;
            }
        }

        return bytes;
    }

    /// <summary>
    /// A two-frame 4×4 GIF: frame 1 all palette colour 0 (red), frame 2 all colour 1 (green). LZW codes are kept
    /// at 3 bits by emitting a clear code before every pixel.
    /// </summary>
    public static byte[] TwoFrameGif()
    {
        var bytes = new List<byte>();
        bytes.AddRange("GIF89a"u8.ToArray());
        bytes.AddRange([4, 0, 4, 0, 0xF0, 0, 0]);
        bytes.AddRange([255, 0, 0, 0, 255, 0]);
        bytes.AddRange([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8.ToArray(), 3, 1, 0, 0, 0]);
        foreach (var colour in new byte[] { 0, 1 })
        {
            bytes.AddRange([0x21, 0xF9, 4, 0x04, 10, 0, 0, 0]);
            bytes.AddRange([0x2C, 0, 0, 0, 0, 4, 0, 4, 0, 0]);
            bytes.Add(2);
            var codes = new List<int>();
            for (var i = 0; i < 16; i++)
            {
                codes.Add(4);
                codes.Add(colour);
            }

            codes.Add(5);
            var data = new List<byte>();
            int accumulator = 0, bits = 0;
            foreach (var code in codes)
            {
                accumulator |= code << bits;
                bits += 3;
                while (bits >= 8)
                {
                    data.Add((byte)accumulator);
                    accumulator >>= 8;
                    bits -= 8;
                }
            }

            if (bits > 0)
            {
                data.Add((byte)accumulator);
            }

            bytes.Add((byte)data.Count);
            bytes.AddRange(data);
            bytes.Add(0);
        }

        bytes.Add(0x3B);
        return [.. bytes];
    }

    /// <summary>A syntactically valid PNG whose header declares a huge size (its single IDAT is tiny).</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 0;
        byte[] zlibEmpty = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        return [0x89, .. "PNG\r\n\u001a\n"u8.ToArray(), .. Chunk("IHDR", ihdr), .. Chunk("IDAT", zlibEmpty), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
