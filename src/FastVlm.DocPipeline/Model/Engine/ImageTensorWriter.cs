using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using SkiaSharp;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// The engine's image preprocessing: square the image (pad on black, or shortest-edge resize + centre crop),
/// resize to the encoder's size, then map every byte through a per-channel table holding
/// <c>float32(byte × rescale_factor)</c> normalised by mean/std from <c>preprocessor_config.json</c> — the same
/// float32 rounding as transformers.js. When no resampling is needed the pixels are copied exactly.
/// </summary>
internal sealed class ImageTensorWriter : IImageTensorWriter
{
    private readonly ImagePreprocessingMode _mode;
    private readonly float[][] _table;
    private readonly Half[][] _halfTable;

    public ImageTensorWriter(int imageSize, ImagePreprocessingMode mode, double rescaleFactor, bool doRescale, bool doNormalize, double[] mean, double[] std)
    {
        ImageSize = imageSize;
        _mode = mode;
        _table = new float[3][];
        _halfTable = new Half[3][];
        for (var c = 0; c < 3; c++)
        {
            _table[c] = new float[256];
            _halfTable[c] = new Half[256];
            for (var b = 0; b < 256; b++)
            {
                var v = doRescale ? (float)(b * rescaleFactor) : b;
                if (doNormalize)
                {
                    v = (float)((v - mean[c]) / std[c]);
                }

                _table[c][b] = v;
                _halfTable[c][b] = (Half)v;
            }
        }
    }

    public int ImageSize { get; }

    public static ImageTensorWriter FromConfig(FastVlmModelConfig config, ImagePreprocessingMode mode)
    {
        var json = JsonConfigReader.Load(Path.Combine(config.Directory, FastVlmModelConfig.PreprocessorConfigFile));
        var doNormalize = json.Root["do_normalize"]?.GetValue<bool>() ?? false;
        var mean = Triple(json, "image_mean", 0.0, doNormalize);
        var std = Triple(json, "image_std", 1.0, doNormalize);
        if (std.Any(s => s == 0))
        {
            throw json.Bad("'image_std' must not contain 0.");
        }

        return new ImageTensorWriter(
            config.ImageSize,
            mode,
            json.OptionalDouble("rescale_factor") ?? 1.0 / 255,
            json.Root["do_rescale"]?.GetValue<bool>() ?? true,
            doNormalize,
            mean,
            std);
    }

    public void Write(RgbImage image, Span<float> destination) => Write(Square(image), destination, _table);

    public void Write(RgbImage image, Span<Half> destination) => Write(Square(image), destination, _halfTable);

    private void Write<T>(ReadOnlySpan<byte> rgb, Span<T> destination, T[][] table)
    {
        var plane = ImageSize * ImageSize;
        if (destination.Length != 3 * plane)
        {
            throw new ArgumentException($"Expected room for {3 * plane} values.", nameof(destination));
        }

        var r = destination[..plane];
        var g = destination.Slice(plane, plane);
        var b = destination.Slice(2 * plane, plane);
        var tr = table[0];
        var tg = table[1];
        var tb = table[2];
        for (int i = 0, s = 0; i < plane; i++, s += 3)
        {
            r[i] = tr[rgb[s]];
            g[i] = tg[rgb[s + 1]];
            b[i] = tb[rgb[s + 2]];
        }
    }

    /// <summary>Returns <see cref="ImageSize"/>² packed RGB pixels.</summary>
    private ReadOnlySpan<byte> Square(RgbImage image)
    {
        int w = image.Width, h = image.Height, size = ImageSize;
        double scale;
        double offsetX, offsetY;
        if (_mode == ImagePreprocessingMode.Pad)
        {
            var side = Math.Max(w, h);
            scale = (double)size / side;
            offsetX = (side - w) / 2 * scale;
            offsetY = (side - h) / 2 * scale;
        }
        else
        {
            scale = (double)size / Math.Min(w, h);
            var scaledW = w < h ? size : (int)Math.Round(w * scale);
            var scaledH = w < h ? (int)Math.Round(h * scale) : size;
            offsetX = -Math.Floor((scaledW - size) / 2.0);
            offsetY = -Math.Floor((scaledH - size) / 2.0);
        }

        if (scale == 1.0)
        {
            return CopyWithoutResampling(image, (int)offsetX, (int)offsetY);
        }

        var rgba = new byte[w * h * 4];
        PixelConversions.RgbToRgbx(image.Pixels.Span, rgba, w * h);
        using var source = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, source.GetPixels(), rgba.Length);
        using var target = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.Black);
            canvas.Translate((float)offsetX, (float)offsetY);
            canvas.Scale((float)scale);
            using var skImage = SKImage.FromBitmap(source);
            var sampling = scale < 0.5
                ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : new SKSamplingOptions(SKCubicResampler.CatmullRom);
            canvas.DrawImage(skImage, 0, 0, sampling);
        }

        var rgb = new byte[size * size * 3];
        PixelConversions.RgbxToRgb(target.GetPixelSpan(), target.RowBytes, rgb, size, size);
        return rgb;
    }

    /// <summary>Places the image at (<paramref name="x"/>, <paramref name="y"/>) on a black square, cropping what falls outside.</summary>
    private byte[] CopyWithoutResampling(RgbImage image, int x, int y)
    {
        var size = ImageSize;
        var result = new byte[size * size * 3];
        var src = image.Pixels.Span;
        for (var row = 0; row < size; row++)
        {
            var sy = row - y;
            if (sy < 0 || sy >= image.Height)
            {
                continue;
            }

            var x0 = Math.Max(0, x);
            var x1 = Math.Min(size, x + image.Width);
            if (x1 <= x0)
            {
                continue;
            }

            src.Slice((sy * image.Width + (x0 - x)) * 3, (x1 - x0) * 3).CopyTo(result.AsSpan((row * size + x0) * 3));
        }

        return result;
    }

    private static double[] Triple(JsonConfigReader json, string key, double fallback, bool required)
    {
        switch (json.Root[key])
        {
            case JsonArray { Count: 3 } array:
                return array.Select(n => n!.GetValue<double>()).ToArray();
            case JsonValue value when value.TryGetValue<double>(out var single):
                return [single, single, single];
            case null when !required:
                return [fallback, fallback, fallback];
            default:
                throw json.Bad($"'{key}' must be a number or a list of 3 numbers when do_normalize is true (missing values make transformers.js produce NaN pixels).");
        }
    }
}
