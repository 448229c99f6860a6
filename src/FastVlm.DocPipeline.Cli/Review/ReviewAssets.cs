using System.Reflection;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>The page, script and stylesheet of the review app, embedded in the assembly (Review/Assets).</summary>
internal static class ReviewAssets
{
    public static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "app.css", "text/css; charset=utf-8"),
    ];

    public static byte[] Read(string resource)
    {
        var assembly = typeof(ReviewAssets).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Review.Assets." + resource, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
