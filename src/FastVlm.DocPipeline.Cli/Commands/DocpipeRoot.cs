using System.CommandLine;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>The whole <c>docpipe</c> command tree (Program.cs runs it; tests run it in-process).</summary>
internal static class DocpipeRoot
{
    /// <summary>
    /// How arguments are read: no POSIX bundling, so a file named <c>-rf.pdf</c> is a file, never <c>-r</c> plus
    /// <c>f.pdf</c>; no response files, so <c>@list.pdf</c> is a file too. A file named exactly like an option
    /// (<c>-r</c>) goes after <c>--</c>: everything after it is a path.
    /// </summary>
    public static ParserConfiguration Parsing { get; } = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    /// <summary>Parses a command line against the whole tree with <see cref="Parsing"/>.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args) => Create().Parse(args, Parsing);

    public static RootCommand Create()
    {
        var root = new RootCommand("docpipe: extract structured fields from documents with FastVLM on your own hardware.");
        root.Options.Add(CommandErrors.Verbose);

        // One line per command group; each group lives in Commands/ in a file of its own.
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(ExtractCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ResultsCommand.Create());
        root.Subcommands.Add(AskCommand.Create());
        root.Subcommands.Add(ModelCommand.Create());
        root.Subcommands.Add(RasterizeCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(Review.ReviewCommand.Create());
        root.Subcommands.Add(Calibrate.CalibrateCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(BenchEngineCommand.Create());
        root.Subcommands.Add(BenchPipelineCommand.Create());
        root.Subcommands.Add(BenchQueueCommand.Create());
        return root;
    }
}
