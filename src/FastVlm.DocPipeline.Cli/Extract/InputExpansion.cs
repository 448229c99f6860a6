namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>
/// The documents the arguments named, the arguments that named none, what was skipped on the way, and the
/// arguments that named a document already in the list (the same path twice, a symbolic or hard link to it).
/// </summary>
internal sealed record InputExpansion(IReadOnlyList<string> Files, IReadOnlyList<string> Unmatched, IReadOnlyList<string> Warnings)
{
    /// <summary>One line per file reached again: processed once, under the path first in order.</summary>
    public IReadOnlyList<string> Duplicates { get; init; } = [];
}
