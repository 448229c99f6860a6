using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// Error messages as the review API returns them: absolute server paths (a store's "Result file /srv/…/document.json
/// cannot be read") are cut to their last two parts, so a caller learns which document is broken but not where the
/// server keeps its data.
/// </summary>
internal static partial class ReviewErrorText
{
    public static string WithoutPaths(string? message) =>
        AbsolutePath().Replace(message ?? "", m =>
        {
            var parts = m.Value.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
            return parts.Length <= 2 ? "…" : "…/" + string.Join('/', parts[^2..]);
        });

    /// <summary>A Unix path of two or more parts, or a Windows drive path, not inside a URL.</summary>
    [GeneratedRegex(@"(?<![\w.:/\\~-])(?:/[^\s/'""`<>|]+){2,}/?|\b[A-Za-z]:\\[^\s'""`<>|]+")]
    private static partial Regex AbsolutePath();
}
