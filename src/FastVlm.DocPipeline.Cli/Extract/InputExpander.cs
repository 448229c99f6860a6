using System.Text;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>
/// Expands <c>docpipe extract</c> arguments into documents: a file as is; a folder to the documents in it
/// (its whole tree with <c>--recursive</c>); a glob segment by segment, where <c>*</c> and <c>?</c> match within
/// one folder level and only <c>**</c> descends. Walks never enter a real folder twice (symbolic link cycles
/// end there), skip folders they cannot read with a warning, and stop at <see cref="MaxDepth"/> levels.
/// Only regular files are documents: a FIFO or a device could block or never end. Sorted, without duplicates:
/// the same file reached twice (the same path, a symbolic link, a hard link; compared by device and inode) is one
/// document, kept under its first path in ordinal order, and each other path is noted in <see cref="InputExpansion.Duplicates"/>.
/// </summary>
internal static class InputExpander
{
    public const int MaxDepth = 32;

    public const int MaxDocuments = 100_000;

    public static readonly string[] DocumentExtensions = [".pdf", ".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"];

    /// <exception cref="CliUsageException">A named file is not a regular file, or the batch is too large.</exception>
    public static InputExpansion Expand(IEnumerable<string> arguments, bool recursive = false)
    {
        var walk = new Walk();
        var unmatched = new List<string>();
        foreach (var argument in arguments)
        {
            var before = walk.Reached;
            var status = FileEntryStatus.Of(argument);
            if (status.Kind == FileEntryKind.Directory)
            {
                walk.Match(argument, recursive ? ["**", "*"] : ["*"]);
            }
            else if (status.Kind == FileEntryKind.Missing && argument.IndexOfAny(['*', '?']) >= 0)
            {
                var (baseDirectory, segments) = SplitGlob(argument);
                if (FileEntryStatus.Of(baseDirectory).Kind == FileEntryKind.Directory)
                {
                    walk.Match(baseDirectory, segments);
                }
            }
            else if (status.Kind != FileEntryKind.Missing)
            {
                walk.AddNamedFile(argument, status);
            }

            if (walk.Reached == before)
            {
                unmatched.Add(argument);
            }
        }

        return new InputExpansion(walk.Files.Values.Order(StringComparer.Ordinal).ToArray(), unmatched, walk.Warnings) { Duplicates = walk.DuplicateNotes() };
    }

    private static (string BaseDirectory, string[] Segments) SplitGlob(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var parts = normalized.Split('/');
        var firstWildcard = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?']) >= 0);
        var baseDirectory = firstWildcard == 0 ? "." : string.Join('/', parts[..firstWildcard]);
        if (baseDirectory.Length == 0)
        {
            baseDirectory = "/";
        }

        var segments = parts[firstWildcard..].Where(p => p.Length > 0 && p != ".").ToList();
        if (segments[^1] == "**")
        {
            segments.Add("*");
        }

        return (baseDirectory, segments.ToArray());
    }

    private static Regex SegmentRegex(string segment)
    {
        var builder = new StringBuilder("^");
        foreach (var c in segment)
        {
            builder.Append(c switch
            {
                '*' => "[^/]*",
                '?' => "[^/]",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static bool IsDocument(string path) => DocumentExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private sealed class Walk
    {
        private readonly HashSet<(string Identity, int Segment)> _entered = [];
        private readonly HashSet<string> _deepWarned = new(StringComparer.Ordinal);

        /// <summary>File identity → the first path found for it (a file reached through a link is one document).</summary>
        public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

        public List<string> Warnings { get; } = [];

        /// <summary>How many documents were reached, each time counted (a duplicate too): an argument that reached one named something.</summary>
        public int Reached { get; private set; }

        private readonly Dictionary<string, SortedSet<string>> _paths = new(StringComparer.Ordinal);
        private readonly HashSet<string> _repeated = new(StringComparer.Ordinal);

        public IReadOnlyList<string> DuplicateNotes()
        {
            var notes = new List<string>();
            foreach (var (identity, paths) in _paths.OrderBy(p => Files[p.Key], StringComparer.Ordinal))
            {
                var kept = Files[identity];
                var others = paths.Where(p => p != kept).ToList();
                if (others.Count > 0)
                {
                    notes.Add($"{string.Join(", ", others.Select(SafeText.Escape))} {(others.Count == 1 ? "is" : "are")} the same file as {SafeText.Escape(kept)}; it is processed once.");
                }
                else if (_repeated.Contains(identity))
                {
                    notes.Add($"{SafeText.Escape(kept)} is named more than once; it is processed once.");
                }
            }

            return notes;
        }

        public void AddNamedFile(string path, FileEntryStatus status)
        {
            if (!status.IsRegularFile)
            {
                throw new CliUsageException(
                    "input.not_regular_file",
                    $"{SafeText.Escape(path)} is {FileEntryStatus.Describe(status.Kind)}, not a regular file; docpipe reads regular files only (a pipe or device may block or never end). Copy its content to a file first.");
            }

            Add(path, status);
        }

        public void Match(string directory, string[] segments) => Match(directory, segments, 0, 0);

        private void Match(string directory, string[] segments, int index, int depth)
        {
            var identity = FileEntryStatus.Of(directory).Identity;
            if (!_entered.Add((identity, index)))
            {
                return;
            }

            if (depth > MaxDepth)
            {
                if (_deepWarned.Add(directory))
                {
                    Warnings.Add($"skipped {SafeText.Escape(directory)}: more than {MaxDepth} folder levels below the argument.");
                }

                return;
            }

            var segment = segments[index];
            var last = index == segments.Length - 1;
            if (segment == "**")
            {
                Match(directory, segments, index + 1, depth);
                foreach (var (path, status) in List(directory))
                {
                    if (status.Kind == FileEntryKind.Directory)
                    {
                        Match(path, segments, index, depth + 1);
                    }
                }

                return;
            }

            if (segment.IndexOfAny(['*', '?']) < 0)
            {
                var child = Path.Combine(directory, segment);
                var status = FileEntryStatus.Of(child);
                if (last && status.Kind != FileEntryKind.Missing && status.Kind != FileEntryKind.Directory)
                {
                    AddFound(child, status);
                }
                else if (!last && status.Kind == FileEntryKind.Directory)
                {
                    Match(child, segments, index + 1, depth + 1);
                }

                return;
            }

            var regex = SegmentRegex(segment.Replace("**", "*", StringComparison.Ordinal));
            foreach (var (path, status) in List(directory))
            {
                if (!regex.IsMatch(Path.GetFileName(path)))
                {
                    continue;
                }

                if (last && status.Kind != FileEntryKind.Directory)
                {
                    AddFound(path, status);
                }
                else if (!last && status.Kind == FileEntryKind.Directory)
                {
                    Match(path, segments, index + 1, depth + 1);
                }
            }
        }

        private void AddFound(string path, FileEntryStatus status)
        {
            if (!IsDocument(path))
            {
                return;
            }

            if (!status.IsRegularFile)
            {
                Warnings.Add($"skipped {SafeText.Escape(path)}: it is {FileEntryStatus.Describe(status.Kind)}, and docpipe reads regular files only.");
                return;
            }

            Add(path, status);
        }

        private void Add(string path, FileEntryStatus status)
        {
            Reached++;
            var full = Path.GetFullPath(path);
            if (!_paths.TryGetValue(status.Identity, out var paths))
            {
                _paths[status.Identity] = paths = new SortedSet<string>(StringComparer.Ordinal);
            }

            if (!paths.Add(full))
            {
                _repeated.Add(status.Identity);
            }

            if (Files.TryGetValue(status.Identity, out var known) && string.CompareOrdinal(known, full) <= 0)
            {
                return;
            }

            Files[status.Identity] = full;
            if (Files.Count > MaxDocuments)
            {
                throw new CliUsageException("input.too_many", $"The arguments name more than {MaxDocuments:N0} documents; run them in smaller batches.");
            }
        }

        private List<(string Path, FileEntryStatus Status)> List(string directory)
        {
            try
            {
                return Directory.EnumerateFileSystemEntries(directory)
                    .Select(path => (path, FileEntryStatus.Of(path)))
                    .OrderBy(entry => entry.path, StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                var warning = $"skipped {SafeText.Escape(directory)}: it cannot be read ({e.Message}).";
                if (!Warnings.Contains(warning))
                {
                    Warnings.Add(warning);
                }

                return [];
            }
        }
    }
}
