namespace FastVlm.DocPipeline.Model.Preprocessing;

/// <summary>
/// Separable bicubic weights for one axis, Pillow-style: Keys cubic with a = -0.5, support widened by the
/// scale when downsampling (antialiasing), weights clipped at the canvas edges and renormalised. The axis is a
/// virtual canvas (the image placed at <c>imageOffset</c>, pad colour elsewhere) resized to
/// <c>resizedLength</c>, of which the window <c>[windowStart, windowStart + outputLength)</c> is produced.
/// A source index of -1 stands for the pad colour; an output with no taps is pad colour too.
/// </summary>
internal sealed class ResampleAxis
{
    private ResampleAxis(int[] tapStart, int[] tapCount, int[] index, float[] weight, int maxTaps, bool isPlacement)
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

    public float[] Weight { get; }

    public int MaxTaps { get; }

    /// <summary>True when nothing is resized: every output is one source value (or pad) with weight 1.</summary>
    public bool IsPlacement { get; }

    /// <summary>For a placement axis: the source index of output <paramref name="k"/>, or -1 for the pad colour.</summary>
    public int SourceAt(int k) => TapCount[k] == 0 ? -1 : Index[TapStart[k]];

    public static ResampleAxis Create(int imageLength, int canvasLength, int imageOffset, int resizedLength, int windowStart, int outputLength)
    {
        var tapStart = new int[outputLength];
        var tapCount = new int[outputLength];
        var index = new List<int>(outputLength * 4);
        var weight = new List<float>(outputLength * 4);
        int maxTaps = 1;

        double scale = (double)canvasLength / resizedLength;
        double filterScale = Math.Max(scale, 1.0);
        double support = 2.0 * filterScale;
        double[] taps = new double[(int)Math.Ceiling(support) * 2 + 3];

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
                weight.Add(1f);
                tapCount[k] = 1;
                continue;
            }

            double center = (o + 0.5) * scale;
            int min = Math.Max((int)(center - support + 0.5), 0);
            int max = Math.Min((int)(center + support + 0.5), canvasLength);
            double sum = 0;
            for (int x = min; x < max; x++)
            {
                double v = Cubic((x - center + 0.5) / filterScale);
                taps[x - min] = v;
                sum += v;
            }

            for (int x = min; x < max; x++)
            {
                int source = x - imageOffset;
                index.Add(source >= 0 && source < imageLength ? source : -1);
                weight.Add((float)(sum != 0 ? taps[x - min] / sum : taps[x - min]));
            }

            tapCount[k] = max - min;
            maxTaps = Math.Max(maxTaps, max - min);
        }

        return new ResampleAxis(tapStart, tapCount, index.ToArray(), weight.ToArray(), maxTaps, canvasLength == resizedLength);
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
