using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// A rectangle in the rendered page image's pixels, origin top-left. Serialised compactly as
/// <c>[left, top, right, bottom]</c>.
/// </summary>
[JsonConverter(typeof(PixelBoxJsonConverter))]
public readonly record struct PixelBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Math.Max(0, Right - Left);

    public double Height => Math.Max(0, Bottom - Top);

    public double Area => Width * Height;

    public PixelBox Union(PixelBox other) => new(
        Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));

    /// <summary>Intersection over union; 0 when either box is empty.</summary>
    public double IntersectionOverUnion(PixelBox other)
    {
        var intersection = new PixelBox(
            Math.Max(Left, other.Left), Math.Max(Top, other.Top), Math.Min(Right, other.Right), Math.Min(Bottom, other.Bottom)).Area;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
