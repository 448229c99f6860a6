using System.Diagnostics;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Issue 14, case 6: a FIFO or a device as input is refused up front instead of blocking forever.</summary>
public sealed class RegularFileInputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-fifo-").FullName;

    [Fact]
    public async Task A_character_device_is_refused_naming_what_it_is()
    {
        var run = await Docpipe.RunAsync("extract", "/dev/zero", "--schema", "receipt", "--model", _root).WaitAsync(TimeSpan.FromMinutes(1));

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("error [input.not_regular_file]: /dev/zero is a character device, not a regular file");
        run.HasStackTrace.Should().BeFalse();
    }

    [Fact]
    public async Task A_fifo_is_refused_without_opening_it_and_one_in_a_folder_is_skipped_with_a_warning()
    {
        var fifo = Path.Combine(_root, "incoming.pdf");
        var mkfifo = new ProcessStartInfo("mkfifo") { ArgumentList = { fifo } };
        (await ChildProcess.RunAsync(mkfifo, TimeSpan.FromSeconds(30), "mkfifo (coreutils) must be on PATH.")).EnsureSuccess();
        var real = Path.Combine(_root, "real.pdf");
        await File.WriteAllTextAsync(real, "%PDF-1.7");

        var run = await Docpipe.RunAsync("rasterize", fifo, "--out", Path.Combine(_root, "pages")).WaitAsync(TimeSpan.FromMinutes(1));
        run.Exit.Should().Be(1);
        run.Err.Should().Contain("[input.not_regular_file]").And.Contain("FIFO");

        var extract = await Docpipe.RunAsync("extract", fifo, "--schema", "receipt", "--model", _root).WaitAsync(TimeSpan.FromMinutes(1));
        extract.Exit.Should().Be(1);
        extract.Err.Should().Contain("error [input.not_regular_file]").And.Contain("a FIFO (named pipe)");

        var expansion = InputExpander.Expand([_root]);
        expansion.Files.Should().Equal(real);
        expansion.Warnings.Should().ContainSingle().Which.Should().Contain(fifo).And.Contain("regular files only");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
