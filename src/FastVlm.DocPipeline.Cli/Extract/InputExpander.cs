using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>
/// Expands <c>docpipe extract</c> arguments into files: a file as is, a folder to its documents (recursively),
/// a glob (<c>*</c>, <c>?</c>, <c>**</c>) to the matching documents. Sorted, without duplicates.
/// </summary>
internal static class InputExpander
{
    public static readonly string[] DocumentExtensions = [".pdf", ".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"];

    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments, out IReadOnlyList<string> unmatched)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var argument in arguments)
        {
            var before = files.Count;
            if (File.Exists(argument))
            {
                files.Add(Path.GetFullPath(argument));
            }
            else if (Directory.Exists(argument))
            {
                AddDocuments(files, Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories));
            }
            else if (argument.IndexOfAny(['*', '?']) >= 0)
            {
                AddDocuments(files, Glob(argument));
            }

            if (files.Count == before)
            {
                missing.Add(argument);
            }
        }

        unmatched = missing;
        return files.ToArray();
    }

    private static void AddDocuments(SortedSet<string> files, IEnumerable<string> candidates)
    {
        foreach (var file in candidates)
        {
            if (DocumentExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                files.Add(Path.GetFullPath(file));
            }
        }
    }

    private static IEnumerable<string> Glob(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var firstWildcard = normalized.IndexOfAny(['*', '?']);
        var baseEnd = normalized.LastIndexOf('/', firstWildcard);
        var baseDirectory = baseEnd < 0 ? "." : normalized[..baseEnd];
        if (baseDirectory.Length == 0)
        {
            baseDirectory = "/";
        }

        if (!Directory.Exists(baseDirectory))
        {
            return [];
        }

        var relativePattern = baseEnd < 0 ? normalized : normalized[(baseEnd + 1)..];
        var regex = new Regex("^" + ToRegex(relativePattern) + "$", RegexOptions.CultureInvariant);
        return Directory.EnumerateFiles(baseDirectory, "*", SearchOption.AllDirectories)
            .Where(file => regex.IsMatch(Path.GetRelativePath(baseDirectory, file).Replace('\\', '/')));
    }

    private static string ToRegex(string glob)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                builder.Append(i + 2 < glob.Length && glob[i + 2] == '/' ? "(?:.*/)?" : ".*");
                i += i + 2 < glob.Length && glob[i + 2] == '/' ? 2 : 1;
            }
            else if (c == '*')
            {
                builder.Append("[^/]*");
            }
            else if (c == '?')
            {
                builder.Append("[^/]");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        return builder.ToString();
    }
}
