using System.Diagnostics;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>
/// Issue 19, item 6 and 7: the same file reached twice (the same path, a symbolic link, a hard link) is one document
/// with a note, never the end of the batch; a file whose name starts with '-' is a file.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DuplicateInputTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-dup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_path_twice_a_symbolic_link_and_a_hard_link_to_one_file_are_extracted_once_with_a_note()
    {
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(input);
        var original = Path.Combine(input, "a.pdf");
        File.Copy(TinyModelFixture.Sample("receipt.pdf"), original);
        File.CreateSymbolicLink(Path.Combine(input, "latest.pdf"), original);
        var ln = new ProcessStartInfo("ln") { ArgumentList = { original, Path.Combine(input, "hard.pdf") } };
        (await ChildProcess.RunAsync(ln, TimeSpan.FromSeconds(30), "ln (coreutils) must be on PATH.")).EnsureSuccess();
        File.Copy(TinyModelFixture.Sample("invoice-simple.pdf"), Path.Combine(input, "other.pdf"));
        var data = Path.Combine(_root, "data");

        var run = await Docpipe.RunAsync(
            "extract", original, Path.Combine(input, "latest.pdf"), original, Path.Combine(input, "hard.pdf"), Path.Combine(input, "other.pdf"),
            "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", data, "--json");

        run.Exit.Should().Be(0, run.Err);
        run.Err.Should().NotContain("No documents at");
        run.Err.Should().Contain($"note: {Path.Combine(input, "hard.pdf")}, {Path.Combine(input, "latest.pdf")} are the same file as {original}; it is processed once.");
        Directory.GetDirectories(Path.Combine(data, "documents")).Should().HaveCount(2, "a.pdf and other.pdf are the only two documents");
        run.Out.Should().Contain("a.pdf").And.Contain("other.pdf").And.NotContain("latest.pdf").And.NotContain("hard.pdf");
    }

    [Fact]
    public async Task The_same_path_named_twice_is_one_document_with_a_note()
    {
        var file = Path.Combine(_root, "a.pdf");
        File.Copy(TinyModelFixture.Sample("receipt.pdf"), file);

        var run = await Docpipe.RunAsync("extract", file, file, "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Path.Combine(_root, "data"));

        run.Exit.Should().Be(0, run.Err);
        run.Err.Should().Contain($"note: {file} is named more than once; it is processed once.");
    }

    [Fact]
    public async Task A_file_named_like_bundled_options_is_read_as_a_file_by_the_real_docpipe()
    {
        File.Copy(TinyModelFixture.Sample("receipt.pdf"), Path.Combine(_root, "-rf.pdf"));
        var start = Docpipe.StartInfo("extract", "-rf.pdf", "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Path.Combine(_root, "data"), "--json");
        start.WorkingDirectory = _root;

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3), "dotnet must be on PATH.");

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardError.Should().NotContain("No documents at");
        result.StandardOutput.Should().Contain("-rf.pdf");
    }

    [Fact]
    public async Task An_over_long_data_path_is_io_path_too_long_at_once_not_a_retried_failure()
    {
        var file = Path.Combine(_root, "a.pdf");
        File.Copy(TinyModelFixture.Sample("receipt.pdf"), file);
        var data = _root;
        while (data.Length < 4040)
        {
            data = Path.Combine(data, new string('d', Math.Clamp(4044 - data.Length - 1, 1, 200)));
        }

        var run = await Docpipe.RunAsync("extract", file, "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", data);

        run.Exit.Should().Be(1, run.Err);
        run.Err.Should().Contain("error [io.path_too_long]").And.Contain("Pass a folder at most");
        run.Err.Should().NotContainEquivalentOf("retry");
        run.HasStackTrace.Should().BeFalse();
    }
}
