using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Tests.Rasterization;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Issue 14: rasterize reports what it cannot do as one line with a code and exit 1, and never claims what it did not do.</summary>
public sealed class RasterizeErrorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-raster-").FullName;

    [Fact]
    public async Task Out_naming_an_existing_file_exits_1_with_a_code()
    {
        var file = Path.Combine(_root, "taken");
        await File.WriteAllTextAsync(file, "x");

        var run = await Docpipe.RunAsync("rasterize", TestFiles.SamplePath("receipt"), "--out", file);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain($"error [rasterize.out_not_a_folder]: The --out folder {file} is a regular file, not a folder.");
        run.HasStackTrace.Should().BeFalse();
        (await File.ReadAllTextAsync(file)).Should().Be("x");
    }

    [Fact]
    public async Task Out_on_a_read_only_file_system_exits_1_with_a_code()
    {
        // Root may write into a chmod 555 folder; procfs refuses new entries to everyone.
        var run = await Docpipe.RunAsync("rasterize", TestFiles.SamplePath("receipt"), "--out", "/proc/docpipe-pages");

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("error [rasterize.out_not_writable]: The --out folder /proc/docpipe-pages cannot be written");
        run.HasStackTrace.Should().BeFalse();
    }

    [Fact]
    public async Task Pages_beyond_the_document_exit_1_instead_of_rendering_nothing()
    {
        var output = Path.Combine(_root, "pages");
        var run = await Docpipe.RunAsync("rasterize", TestFiles.SamplePath("invoice-multipage"), "--out", output, "--pages", "5-9");

        run.Exit.Should().Be(1, run.Out);
        run.Err.Should().Contain("error [usage.pages]: --pages 5-9 selects no page: invoice-multipage.pdf has 2 page(s).");
        run.Out.Should().NotContain("rendered");
    }

    [Fact]
    public async Task A_size_above_the_page_pixel_limit_is_refused_and_the_summary_reports_the_real_size()
    {
        var output = Path.Combine(_root, "pages");
        var huge = await Docpipe.RunAsync("rasterize", TestFiles.SamplePath("receipt"), "--out", output, "--size", "100000");

        huge.Exit.Should().Be(1);
        huge.Err.Should().Contain($"error [usage.size]: --size must be 1..{RasterizeCommand.MaxSize} px").And.Contain("not 100000");
        huge.Out.Should().NotContain("100000 px");

        var zero = await Docpipe.RunAsync("rasterize", TestFiles.SamplePath("receipt"), "--out", output, "--size", "0");
        zero.Exit.Should().Be(1);
        zero.Err.Should().Contain("[usage.size]");
        zero.HasStackTrace.Should().BeFalse();
    }

    [Fact]
    public async Task A_text_file_starting_with_BM_is_reported_as_text_not_as_a_corrupt_bmp()
    {
        var text = Path.Combine(_root, "notes.bmp");
        await File.WriteAllTextAsync(text, "BMW service invoice, total 120 EUR\n");

        var run = await Docpipe.RunAsync("rasterize", text, "--out", Path.Combine(_root, "pages"));

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("input.unsupported_format").And.Contain("plain text").And.NotContain("image.corrupt");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
