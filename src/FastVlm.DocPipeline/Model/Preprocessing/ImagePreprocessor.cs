using System.Buffers;
using System.Globalization;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;

namespace FastVlm.DocPipeline.Model.Preprocessing;

/// <summary>
/// Turns RGB images into the vision encoder's <c>pixel_values</c>: NCHW, RGB, <c>[N, 3, S, S]</c>, float32 or
/// float16, written straight into a caller-provided buffer (for example the span of an allocated OrtValue).
/// Thread-safe; allocates only pooled scratch rows per image.
/// </summary>
/// <remarks>
/// Resizing is our own separable bicubic (Pillow's filter: Keys a = -0.5, antialiased when shrinking, result
/// rounded to 8 bits), not Skia's cubic sampler, which does not widen its kernel when shrinking and so aliases
/// fine print on 2-3x reductions. Pixel values are <c>float32(byte × rescale_factor)</c> with the factor exactly as
/// configured, then <c>(v − mean) / std</c> in double precision when <c>do_normalize</c>, as transformers.js computes
/// them; float16 output is the float32 value rounded to half.
/// </remarks>
public sealed class ImagePreprocessor
{
    private readonly ImagePreprocessorOptions _options;
    private readonly float[] _lut;
    private readonly Half[] _halfLut;
    private readonly float[] _pad;

    public ImagePreprocessor(PreprocessorConfig config, ImagePreprocessorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _options = options ?? new ImagePreprocessorOptions();
        Config = config;
        ImageSize = config.GetImageSize();

        // One lookup table per channel: byte -> model value.
        _lut = new float[3 * 256];
        _halfLut = new Half[3 * 256];
        for (int c = 0; c < 3; c++)
        {
            for (int b = 0; b < 256; b++)
            {
                float v = config.DoRescale ? (float)(b * config.RescaleFactor) : b;
                if (config.DoNormalize)
                {
                    v = (float)((v - config.ImageMean![c]) / config.ImageStd![c]);
                }

                _lut[c * 256 + b] = v;
                _halfLut[c * 256 + b] = (Half)v;
            }
        }

        // Apple's expand2square fills with int(mean * 255) per channel (black for FastVLM's mean 0).
        _pad = new float[3];
        for (int c = 0; c < 3; c++)
        {
            _pad[c] = _options.Mode == ImageResizeMode.Pad && config.ImageMean is { } mean ? (int)(mean[c] * 255) : 0;
        }
    }

    public PreprocessorConfig Config { get; }

    /// <summary>Side of the square model input (S).</summary>
    public int ImageSize { get; }

    /// <summary>Values per image: 3 × S × S.</summary>
    public int ValuesPerImage => 3 * ImageSize * ImageSize;

    /// <summary>Tensor shape <c>[batch, 3, S, S]</c>.</summary>
    internal long[] GetShape(int batch) => [batch, 3, ImageSize, ImageSize];

    /// <summary>Writes one image as <c>[3, S, S]</c> float32 into <paramref name="destination"/> (length ≥ <see cref="ValuesPerImage"/>).</summary>
    public void Preprocess(RgbImage image, Span<float> destination) => Run(image, destination, _lut);

    /// <summary>Writes one image as <c>[3, S, S]</c> float16 into <paramref name="destination"/>.</summary>
    public void Preprocess(RgbImage image, Span<Half> destination) => Run(image, destination, _halfLut);

    /// <summary>Writes <c>[N, 3, S, S]</c> float32 for <paramref name="images"/> into one buffer.</summary>
    internal void PreprocessBatch(IReadOnlyList<RgbImage> images, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckLength(destination.Length, images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            Preprocess(images[i], destination.Slice(i * ValuesPerImage, ValuesPerImage));
        }
    }

    /// <summary>Writes <c>[N, 3, S, S]</c> float16 for <paramref name="images"/> into one buffer.</summary>
    internal void PreprocessBatch(IReadOnlyList<RgbImage> images, Span<Half> destination)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckLength(destination.Length, images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            Preprocess(images[i], destination.Slice(i * ValuesPerImage, ValuesPerImage));
        }
    }

    private void CheckLength(int length, int count)
    {
        if (length < (long)count * ValuesPerImage)
        {
            throw new ArgumentException(
                $"The destination holds {length} values; {count} image(s) of 3x{ImageSize}x{ImageSize} need {(long)count * ValuesPerImage}.",
                nameof(length));
        }
    }

    /// <summary>Throws when <paramref name="image"/> has more pixels than <see cref="ImagePreprocessorOptions.MaxInputPixels"/>.</summary>
    /// <exception cref="ModelInputException">The image is too large (<see cref="ModelErrorCodes.ImageTooLarge"/>).</exception>
    public void EnsureAcceptable(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if ((long)image.Width * image.Height > _options.MaxInputPixels)
        {
            throw new ModelInputException(
                ModelErrorCodes.ImageTooLarge,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The image is {image.Width}x{image.Height} pixels, more than the {_options.MaxInputPixels} allowed; render it at a lower resolution."));
        }
    }

    private void Run<T>(RgbImage image, Span<T> destination, T[] lut)
    {
        EnsureAcceptable(image);
        CheckLength(destination.Length, 1);
        (ResampleAxis x, ResampleAxis y) = PlanAxes(image.Width, image.Height);
        if (x.IsPlacement && y.IsPlacement)
        {
            Copy(image, x, y, destination, lut);
        }
        else
        {
            Resample(image, x, y, destination, lut);
        }
    }

    /// <summary>No resize on either axis: every output value is a source byte (or the pad colour) through the table.</summary>
    private void Copy<T>(RgbImage image, ResampleAxis xAxis, ResampleAxis yAxis, Span<T> destination, T[] lut)
    {
        int s = ImageSize;
        int plane = s * s;
        Span<T> red = destination[..plane];
        Span<T> green = destination.Slice(plane, plane);
        Span<T> blue = destination.Slice(2 * plane, plane);
        T padRed = lut[PadByte(0)];
        T padGreen = lut[256 + PadByte(1)];
        T padBlue = lut[512 + PadByte(2)];
        ReadOnlySpan<byte> pixels = image.Pixels.Span;
        for (int y = 0; y < s; y++)
        {
            int sourceRow = yAxis.SourceAt(y);
            int offset = y * s;
            if (sourceRow < 0)
            {
                red.Slice(offset, s).Fill(padRed);
                green.Slice(offset, s).Fill(padGreen);
                blue.Slice(offset, s).Fill(padBlue);
                continue;
            }

            ReadOnlySpan<byte> row = pixels.Slice(sourceRow * image.Stride, image.Stride);
            for (int x = 0; x < s; x++)
            {
                int sourceColumn = xAxis.SourceAt(x);
                if (sourceColumn < 0)
                {
                    red[offset + x] = padRed;
                    green[offset + x] = padGreen;
                    blue[offset + x] = padBlue;
                }
                else
                {
                    int p = sourceColumn * 3;
                    red[offset + x] = lut[row[p]];
                    green[offset + x] = lut[256 + row[p + 1]];
                    blue[offset + x] = lut[512 + row[p + 2]];
                }
            }
        }
    }

    private (ResampleAxis X, ResampleAxis Y) PlanAxes(int width, int height)
    {
        int s = ImageSize;
        if (_options.Mode == ImageResizeMode.Pad)
        {
            int side = Math.Max(width, height);
            int resized = Config.DoResize ? s : side;
            return (
                ResampleAxis.Create(width, side, (side - width) / 2, resized, (resized - s) / 2, s),
                ResampleAxis.Create(height, side, (side - height) / 2, resized, (resized - s) / 2, s));
        }

        int newWidth = width;
        int newHeight = height;
        if (Config.DoResize)
        {
            (newWidth, newHeight) = ShortestEdgeSize(width, height);
        }

        // transformers.js: extract at floor((size - crop) / 2); a window beyond the image is black.
        int x0 = (int)Math.Floor((newWidth - s) / 2.0);
        int y0 = (int)Math.Floor((newHeight - s) / 2.0);
        return (
            ResampleAxis.Create(width, width, 0, newWidth, x0, s),
            ResampleAxis.Create(height, height, 0, newHeight, y0, s));
    }

    /// <summary>transformers.js's shortest-edge rule, including its rounding to two decimals before flooring.</summary>
    private (int Width, int Height) ShortestEdgeSize(int width, int height)
    {
        if (Config.ShortestEdge is not { } edge)
        {
            return (Config.SizeWidth ?? width, Config.SizeHeight ?? height);
        }

        double factor = Math.Max((double)edge / width, (double)edge / height);
        return (Round2Floor(width * factor), Round2Floor(height * factor));

        static int Round2Floor(double v) =>
            (int)Math.Floor(double.Parse(v.ToString("F2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private void Resample<T>(RgbImage image, ResampleAxis xAxis, ResampleAxis yAxis, Span<T> destination, T[] lut)
    {
        int s = ImageSize;
        int rowValues = s * 3;
        int ringSize = yAxis.MaxTaps;
        float[] ring = ArrayPool<float>.Shared.Rent(ringSize * rowValues);
        float[] accumulator = ArrayPool<float>.Shared.Rent(rowValues);
        int[] ringRow = ArrayPool<int>.Shared.Rent(ringSize);
        try
        {
            Array.Fill(ringRow, -1, 0, ringSize);
            ReadOnlySpan<byte> pixels = image.Pixels.Span;
            int plane = s * s;
            for (int k = 0; k < s; k++)
            {
                Span<float> acc = accumulator.AsSpan(0, rowValues);
                int count = yAxis.TapCount[k];
                if (count == 0)
                {
                    FillPad(acc);
                }
                else
                {
                    acc.Clear();
                    int start = yAxis.TapStart[k];
                    for (int t = 0; t < count; t++)
                    {
                        int sourceRow = yAxis.Index[start + t];
                        float w = yAxis.Weight[start + t];
                        if (sourceRow < 0)
                        {
                            for (int i = 0; i < rowValues; i += 3)
                            {
                                acc[i] += w * _pad[0];
                                acc[i + 1] += w * _pad[1];
                                acc[i + 2] += w * _pad[2];
                            }

                            continue;
                        }

                        int slot = sourceRow % ringSize;
                        Span<float> row = ring.AsSpan(slot * rowValues, rowValues);
                        if (ringRow[slot] != sourceRow)
                        {
                            HorizontalPass(pixels.Slice(sourceRow * image.Stride, image.Stride), xAxis, row);
                            ringRow[slot] = sourceRow;
                        }

                        for (int i = 0; i < rowValues; i++)
                        {
                            acc[i] += w * row[i];
                        }
                    }
                }

                int offset = k * s;
                for (int x = 0; x < s; x++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        float v = acc[x * 3 + c];
                        int b = v <= 0f ? 0 : v >= 255f ? 255 : (int)(v + 0.5f);
                        destination[c * plane + offset + x] = lut[c * 256 + b];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(accumulator);
            ArrayPool<int>.Shared.Return(ringRow);
        }
    }

    private void HorizontalPass(ReadOnlySpan<byte> source, ResampleAxis xAxis, Span<float> row)
    {
        int s = ImageSize;
        for (int x = 0; x < s; x++)
        {
            int count = xAxis.TapCount[x];
            float r = 0, g = 0, b = 0;
            if (count == 0)
            {
                r = _pad[0];
                g = _pad[1];
                b = _pad[2];
            }
            else
            {
                int start = xAxis.TapStart[x];
                for (int t = 0; t < count; t++)
                {
                    int i = xAxis.Index[start + t];
                    float w = xAxis.Weight[start + t];
                    if (i < 0)
                    {
                        r += w * _pad[0];
                        g += w * _pad[1];
                        b += w * _pad[2];
                    }
                    else
                    {
                        int p = i * 3;
                        r += w * source[p];
                        g += w * source[p + 1];
                        b += w * source[p + 2];
                    }
                }
            }

            row[x * 3] = r;
            row[x * 3 + 1] = g;
            row[x * 3 + 2] = b;
        }
    }

    private int PadByte(int channel) => Math.Clamp((int)_pad[channel], 0, 255);

    private void FillPad(Span<float> row)
    {
        for (int i = 0; i < row.Length; i += 3)
        {
            row[i] = _pad[0];
            row[i + 1] = _pad[1];
            row[i + 2] = _pad[2];
        }
    }
}
