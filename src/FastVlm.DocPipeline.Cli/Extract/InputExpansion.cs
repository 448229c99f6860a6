namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>The documents the arguments named, the arguments that named none, and what was skipped on the way.</summary>
internal sealed record InputExpansion(IReadOnlyList<string> Files, IReadOnlyList<string> Unmatched, IReadOnlyList<string> Warnings);
