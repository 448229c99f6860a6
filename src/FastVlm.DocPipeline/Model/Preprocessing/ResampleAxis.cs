namespace FastVlm.DocPipeline.Model.Preprocessing;

/// <summary>
/// Separable bicubic weights for one axis, computed as Pillow's 8-bit resampler computes them: Keys cubic with
/// a = -0.5, support widened by the scale when downsampling (antialiasing), taps clipped at the canvas edges and
/// renormalised in double, then rounded half away from zero to <see cref="PrecisionBits"/>-bit fixed point.
/// The axis is a virtual canvas (the image placed at <c>imageOffset</c>, pad colour elsewhere) resized to
/// <c>resizedLength</c>, of which the window <c>[windowStart, windowStart + outputLength)</c> is produced.
/// A source index of -1 stands for the pad colour; an output with no taps is pad colour too.
/// </summary>
internal sealed class ResampleAxis
{
    /// <summary>Fractional bits of the integer weights: 32 bits less 8 for the value and 2 for overshoot and sign.</summary>
    public const int PrecisionBits = 32 - 8 - 2;

    /// <summary>The accumulator's starting value, so that the final shift rounds half up.</summary>
    public const int Half = 1 << (PrecisionBits - 1);

    private const double Support = 2.0;

    private ResampleAxis(int[] tapStart, int[] tapCount, int[] index, int[] weight, int maxTaps, bool isPlacement)
    {
        IsPlacement = isPlacement;
        TapStart = tapStart;
        TapCount = tapCount;
        Index = index;
        Weight = weight;
        MaxTaps = maxTaps;
    }

    public int[] TapStart { get; }

    public int[] TapCount { get; }

    /// <summary>Source index in the image, or -1 for the pad colour.</summary>
    public int[] Index { get; }

    /// <summary>Weights in <see cref="PrecisionBits"/>-bit fixed point (1.0 = <c>1 &lt;&lt; PrecisionBits</c>).</summary>
    public int[] Weight { get; }

    public int MaxTaps { get; }

    /// <summary>True when nothing is resized: every output is one source value (or pad) with weight 1.</summary>
    public bool IsPlacement { get; }

    /// <summary>For a placement axis: the source index of output <paramref name="k"/>, or -1 for the pad colour.</summary>
    public int SourceAt(int k) => TapCount[k] == 0 ? -1 : Index[TapStart[k]];

    /// <summary>Sum of weighted bytes (started at <see cref="Half"/>) back to a byte, clipped to 0..255.</summary>
    public static byte Clip(int sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    public static ResampleAxis Create(int imageLength, int canvasLength, int imageOffset, int resizedLength, int windowStart, int outputLength)
    {
        var tapStart = new int[outputLength];
        var tapCount = new int[outputLength];
        var index = new List<int>(outputLength * 4);
        var weight = new List<int>(outputLength * 4);
        int maxTaps = 1;

        double scale = (double)canvasLength / resizedLength;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support * filterScale;
        double inverseFilterScale = 1.0 / filterScale;
        double[] taps = new double[(int)Math.Ceiling(support) * 2 + 1];

        for (int k = 0; k < outputLength; k++)
        {
            int o = windowStart + k;
            tapStart[k] = index.Count;
            if (o < 0 || o >= resizedLength)
            {
                continue;
            }

            if (canvasLength == resizedLength)
            {
                int source = o - imageOffset;
                index.Add(source >= 0 && source < imageLength ? source : -1);
                weight.Add(1 << PrecisionBits);
                tapCount[k] = 1;
                continue;
            }

            // Bounds are rounded by truncation after adding 0.5, as Pillow does (so a negative start truncates up).
            double center = (o + 0.5) * scale;
            int min = Math.Max((int)(center - support + 0.5), 0);
            int max = Math.Min((int)(center + support + 0.5), canvasLength);
            double sum = 0;
            for (int x = min; x < max; x++)
            {
                double v = Cubic((x - center + 0.5) * inverseFilterScale);
                taps[x - min] = v;
                sum += v;
            }

            for (int x = min; x < max; x++)
            {
                int source = x - imageOffset;
                index.Add(source >= 0 && source < imageLength ? source : -1);
                weight.Add(ToFixed(sum != 0.0 ? taps[x - min] / sum : taps[x - min]));
            }

            tapCount[k] = max - min;
            maxTaps = Math.Max(maxTaps, max - min);
        }

        return new ResampleAxis(tapStart, tapCount, index.ToArray(), weight.ToArray(), maxTaps, canvasLength == resizedLength);
    }

    private static int ToFixed(double w)
    {
        double scaled = w * (1 << PrecisionBits);
        return (int)(w < 0 ? scaled - 0.5 : scaled + 0.5);
    }

    private static double Cubic(double x)
    {
        const double A = -0.5;
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return (((A + 2.0) * x) - (A + 3.0)) * x * x + 1.0;
        }

        if (x < 2.0)
        {
            return (((x - 5.0) * x + 8.0) * x - 4.0) * A;
        }

        return 0.0;
    }
}
