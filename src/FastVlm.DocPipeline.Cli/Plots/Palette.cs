namespace FastVlm.DocPipeline.Cli.Plots;

/// <summary>Series colours that stay apart for common colour-vision deficiencies (Okabe–Ito, then Tol's muted), reused in turn.</summary>
internal static class Palette
{
    private static readonly string[] Colors =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#882255", "#44AA99", "#999933", "#661100"];

    public static string Of(int index) => Colors[index % Colors.Length];
}
