using System.Buffers;
using System.Globalization;
using System.Numerics;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;

namespace FastVlm.DocPipeline.Model.Preprocessing;

/// <summary>
/// Turns RGB images into the vision encoder's <c>pixel_values</c>: NCHW, RGB, <c>[N, 3, S, S]</c>, float32 or
/// float16, written straight into a caller-provided buffer (for example the span of an allocated OrtValue).
/// Thread-safe; allocates only pooled scratch rows per image.
/// </summary>
/// <remarks>
/// Resizing is Pillow's 8-bit bicubic byte for byte, the filter the model was trained with (Keys a = -0.5,
/// antialiased when shrinking, 22-bit integer weights, each pass rounded and clipped to bytes), not Skia's cubic
/// sampler, which does not widen its kernel when shrinking and so aliases fine print on 2-3x reductions. Pixel values are <c>float32(byte × rescale_factor)</c> with the factor exactly as
/// configured, then <c>(v − mean) / std</c> in double precision when <c>do_normalize</c>, as transformers.js computes
/// them; float16 output is the float32 value rounded to half.
/// </remarks>
public sealed class ImagePreprocessor
{
    private readonly ImagePreprocessorOptions _options;
    private readonly float[] _lut;
    private readonly Half[] _halfLut;
    private readonly byte[] _pad;

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
        _pad = new byte[3];
        for (int c = 0; c < 3; c++)
        {
            _pad[c] = _options.Mode == ImageResizeMode.Pad && config.ImageMean is { } mean ? (byte)Math.Clamp((int)(mean[c] * 255), 0, 255) : (byte)0;
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
        T padRed = lut[_pad[0]];
        T padGreen = lut[256 + _pad[1]];
        T padBlue = lut[512 + _pad[2]];
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

    /// <summary>
    /// Pillow's 8-bit two-pass resize: each needed source row is resampled horizontally into a byte row (integer
    /// weights, rounded and clipped), kept in a ring of the vertical filter's height, and the output rows are the
    /// same integer filter run down those byte rows. Pad rows of the virtual canvas share one resampled row.
    /// </summary>
    private void Resample<T>(RgbImage image, ResampleAxis xAxis, ResampleAxis yAxis, Span<T> destination, T[] lut)
    {
        int s = ImageSize;
        int rowValues = s * 3;
        int ringSize = yAxis.MaxTaps;
        byte[] rows = ArrayPool<byte>.Shared.Rent((ringSize + 1) * rowValues);
        int[] accumulator = ArrayPool<int>.Shared.Rent(rowValues);
        int[] ringRow = ArrayPool<int>.Shared.Rent(ringSize);
        try
        {
            Array.Fill(ringRow, -1, 0, ringSize);
            Span<byte> padRow = rows.AsSpan(ringSize * rowValues, rowValues);
            bool padRowReady = false;
            ReadOnlySpan<byte> pixels = image.Pixels.Span;
            Span<int> acc = accumulator.AsSpan(0, rowValues);
            int plane = s * s;
            for (int k = 0; k < s; k++)
            {
                int offset = k * s;
                int count = yAxis.TapCount[k];
                if (count == 0)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        destination.Slice(c * plane + offset, s).Fill(lut[c * 256 + _pad[c]]);
                    }

                    continue;
                }

                acc.Fill(ResampleAxis.Half);
                int start = yAxis.TapStart[k];
                for (int t = 0; t < count; t++)
                {
                    int sourceRow = yAxis.Index[start + t];
                    int w = yAxis.Weight[start + t];
                    Span<byte> row;
                    if (sourceRow < 0)
                    {
                        row = padRow;
                        if (!padRowReady)
                        {
                            HorizontalPass(default, padOnly: true, xAxis, row);
                            padRowReady = true;
                        }
                    }
                    else
                    {
                        int slot = sourceRow % ringSize;
                        row = rows.AsSpan(slot * rowValues, rowValues);
                        if (ringRow[slot] != sourceRow)
                        {
                            HorizontalPass(pixels.Slice(sourceRow * image.Stride, image.Stride), padOnly: false, xAxis, row);
                            ringRow[slot] = sourceRow;
                        }
                    }

                    Accumulate(row, w, acc);
                }

                for (int x = 0; x < s; x++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        destination[c * plane + offset + x] = lut[c * 256 + ResampleAxis.Clip(acc[x * 3 + c])];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rows);
            ArrayPool<int>.Shared.Return(accumulator);
            ArrayPool<int>.Shared.Return(ringRow);
        }
    }

    /// <summary><c>acc[i] += row[i] * w</c>, vectorised; integer sums, so the order of lanes changes nothing.</summary>
    private static void Accumulate(ReadOnlySpan<byte> row, int w, Span<int> acc)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int bytes = Vector<byte>.Count;
            int ints = Vector<int>.Count;
            var weight = new Vector<int>(w);
            for (; i <= row.Length - bytes; i += bytes)
            {
                Vector.Widen(new Vector<byte>(row.Slice(i)), out Vector<ushort> low, out Vector<ushort> high);
                Vector.Widen(low, out Vector<uint> q0, out Vector<uint> q1);
                Vector.Widen(high, out Vector<uint> q2, out Vector<uint> q3);
                Span<int> block = acc.Slice(i, bytes);
                (new Vector<int>(block) + (Vector.AsVectorInt32(q0) * weight)).CopyTo(block);
                (new Vector<int>(block.Slice(ints)) + (Vector.AsVectorInt32(q1) * weight)).CopyTo(block.Slice(ints));
                (new Vector<int>(block.Slice(2 * ints)) + (Vector.AsVectorInt32(q2) * weight)).CopyTo(block.Slice(2 * ints));
                (new Vector<int>(block.Slice(3 * ints)) + (Vector.AsVectorInt32(q3) * weight)).CopyTo(block.Slice(3 * ints));
            }
        }

        for (; i < row.Length; i++)
        {
            acc[i] += row[i] * w;
        }
    }

    /// <summary>One row through the horizontal filter into bytes; <paramref name="padOnly"/> resamples a canvas row that is all pad colour.</summary>
    private void HorizontalPass(ReadOnlySpan<byte> source, bool padOnly, ResampleAxis xAxis, Span<byte> row)
    {
        int s = ImageSize;
        for (int x = 0; x < s; x++)
        {
            int count = xAxis.TapCount[x];
            if (count == 0)
            {
                row[x * 3] = _pad[0];
                row[x * 3 + 1] = _pad[1];
                row[x * 3 + 2] = _pad[2];
                continue;
            }

            int r = ResampleAxis.Half, g = ResampleAxis.Half, b = ResampleAxis.Half;
            int start = xAxis.TapStart[x];
            for (int t = 0; t < count; t++)
            {
                int i = xAxis.Index[start + t];
                int w = xAxis.Weight[start + t];
                if (padOnly || i < 0)
                {
                    r += _pad[0] * w;
                    g += _pad[1] * w;
                    b += _pad[2] * w;
                }
                else
                {
                    int p = i * 3;
                    r += source[p] * w;
                    g += source[p + 1] * w;
                    b += source[p + 2] * w;
                }
            }

            row[x * 3] = ResampleAxis.Clip(r);
            row[x * 3 + 1] = ResampleAxis.Clip(g);
            row[x * 3 + 2] = ResampleAxis.Clip(b);
        }
    }
}
