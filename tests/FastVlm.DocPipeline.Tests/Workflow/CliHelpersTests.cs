using FastVlm.DocPipeline.Cli.Extract;

namespace FastVlm.DocPipeline.Tests.Workflow;

public sealed class CliHelpersTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-inputs-" + Guid.NewGuid().ToString("N"));

    private string Touch(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void Inputs_expand_files_folders_and_globs_to_documents()
    {
        var a = Touch("in/a.pdf");
        var b = Touch("in/sub/b.PNG");
        var c = Touch("in/sub/deeper/c.pdf");
        Touch("in/notes.txt");
        var d = Touch("other/d.jpg");

        var all = InputExpander.Expand([Path.Combine(_root, "in")], recursive: true);
        all.Files.Should().Equal(new[] { a, b, c }.Order(StringComparer.Ordinal));
        all.Unmatched.Should().BeEmpty();
        InputExpander.Expand([Path.Combine(_root, "in", "*.pdf")]).Files.Should().Equal(a);
        InputExpander.Expand([Path.Combine(_root, "in", "**", "*.pdf")]).Files.Should().Equal(a, c);
        InputExpander.Expand([Path.Combine(_root, "in", "sub", "?.PNG"), d, d]).Files.Should().Equal(new[] { b, d }.Order(StringComparer.Ordinal));

        var none = InputExpander.Expand([Path.Combine(_root, "missing.pdf"), Path.Combine(_root, "in", "*.docx")]);
        none.Files.Should().BeEmpty();
        none.Unmatched.Should().HaveCount(2);
    }

    [Fact]
    public void Synthetic_models_are_recognised_by_their_config()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "config.json"), """{"model_type":"llava_qwen2","synthetic":{"preset":"tiny"}}""");
        ModelLocator.IsSynthetic(_root).Should().BeTrue();
        File.WriteAllText(Path.Combine(_root, "config.json"), """{"model_type":"llava_qwen2"}""");
        ModelLocator.IsSynthetic(_root).Should().BeFalse();
        ModelLocator.Locate(_root, out _).Should().Be(Path.GetFullPath(_root));
        ModelLocator.Locate(Path.Combine(_root, "nope"), out var problem).Should().BeNull();
        problem.Should().Contain("config.json");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
