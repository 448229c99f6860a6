namespace FastVlm.DocPipeline.Rasterization;

/// <summary>Pixel size of a rendered page: longest side at the target, aspect kept, total pixels capped.</summary>
internal static class RenderGeometry
{
    public static (int Width, int Height) Fit(double width, double height, int targetLongestSide, long maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetLongestSide);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        var scale = targetLongestSide / Math.Max(width, height);
        var area = width * scale * height * scale;
        if (area > maxPixels)
        {
            scale *= Math.Sqrt(maxPixels / area);
        }

        var w = (int)Math.Clamp(Math.Floor(width * scale + 0.5), 1, targetLongestSide);
        var h = (int)Math.Clamp(Math.Floor(height * scale + 0.5), 1, targetLongestSide);
        while ((long)w * h > maxPixels)
        {
            // Rounding up may overshoot a tiny cap by a row or column.
            if (w >= h) { w--; } else { h--; }
        }

        return (w, h);
    }
}
