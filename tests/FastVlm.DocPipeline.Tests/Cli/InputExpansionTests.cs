using FastVlm.DocPipeline.Cli.Extract;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Issue 14, case 5: input expansion reads what the arguments name, one level unless recursion is asked for, and ends.</summary>
public sealed class InputExpansionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-expand-" + Guid.NewGuid().ToString("N"));

    private string Touch(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    private void Link(string relative, string target) =>
        File.CreateSymbolicLink(Path.Combine(_root, relative), target);

    [Fact]
    public void A_folder_is_read_one_level_deep_and_its_whole_tree_only_with_recursive()
    {
        var a = Touch("in/a.pdf");
        var b = Touch("in/sub/b.PNG");
        var c = Touch("in/sub/deeper/c.pdf");
        Touch("in/notes.txt");

        InputExpander.Expand([Path.Combine(_root, "in")]).Files.Should().Equal(a);
        InputExpander.Expand([Path.Combine(_root, "in")], recursive: true).Files.Should().Equal(new[] { a, b, c }.Order(StringComparer.Ordinal));
        InputExpander.Expand([Path.Combine(_root, "in", "*", "*.pdf")]).Files.Should().BeEmpty("one wildcard segment matches one level: in/sub has no pdf");
        InputExpander.Expand([Path.Combine(_root, "in", "*", "*", "*.pdf")]).Files.Should().Equal(c);
    }

    [Fact]
    public void Symbolic_link_cycles_give_each_file_once_and_end()
    {
        var a = Touch("tree/a.pdf");
        var b = Touch("tree/sub/b.pdf");
        Link("tree/loop", Path.Combine(_root, "tree"));
        Link("tree/sub/up", Path.Combine(_root, "tree"));
        Link("tree/sub/self", Path.Combine(_root, "tree", "sub"));

        var expansion = InputExpander.Expand([Path.Combine(_root, "tree")], recursive: true);

        expansion.Files.Should().Equal(a, b);
        InputExpander.Expand([Path.Combine(_root, "tree", "**", "*.pdf")]).Files.Should().Equal(a, b);
    }

    [Fact]
    public void Unreadable_folders_are_skipped_with_a_warning()
    {
        // Root can read a chmod 000 folder; another process's map_files is unreadable even to root without CAP_SYS_ADMIN.
        Directory.Exists("/proc/1/map_files").Should().BeTrue("the test needs Linux procfs");
        var a = Touch("tree/a.pdf");
        Link("tree/maps", "/proc/1/map_files");

        var expansion = InputExpander.Expand([Path.Combine(_root, "tree")], recursive: true);

        expansion.Files.Should().Equal(a);
        expansion.Warnings.Should().ContainSingle().Which.Should().Contain(Path.Combine(_root, "tree", "maps")).And.Contain("cannot be read");
    }

    [Fact]
    public void Walks_stop_at_the_depth_bound_with_a_warning()
    {
        var deep = string.Join('/', Enumerable.Range(0, InputExpander.MaxDepth + 2).Select(i => $"d{i}"));
        Touch($"tree/{deep}/far.pdf");
        var near = Touch("tree/d0/near.pdf");

        var expansion = InputExpander.Expand([Path.Combine(_root, "tree")], recursive: true);

        expansion.Files.Should().Equal(near);
        expansion.Warnings.Should().ContainSingle().Which.Should().Contain($"more than {InputExpander.MaxDepth} folder levels");
    }

    [Fact]
    public async Task A_one_level_glob_at_the_root_reads_one_level_and_reports_no_documents()
    {
        // Before: the glob walked the whole tree below / and failed on /proc/1/map_files.
        var run = await Docpipe.RunAsync("extract", "/*.nothing", "--schema", "receipt", "--model", _root).WaitAsync(TimeSpan.FromMinutes(2));

        run.Exit.Should().Be(1, run.Err);
        run.Err.Should().Contain("error [input.no_documents]: No documents at: /*.nothing").And.NotContain("map_files");
        run.HasStackTrace.Should().BeFalse();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
