using System.Globalization;

namespace FastVlm.DocPipeline.Cli.Plots;

/// <summary>Labels the plots print: percentages without the invariant culture's space, names cut to fit.</summary>
internal static class PlotText
{
    public static string Percent(double share, int decimals = 1) =>
        (share * 100).ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture) + "%";

    /// <summary><paramref name="name"/> cut to <paramref name="length"/> characters; tooltips carry it whole.</summary>
    public static string Shorten(string name, int length) => name.Length <= length ? name : string.Concat(name.AsSpan(0, length - 1), "…");
}
