using FastVlm.DocPipeline.Tests.Rasterization;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>
/// Issue 14: a data folder that cannot hold results is one configuration error before any document runs,
/// not a transient failure retried for every document; encrypted PDFs take --password and --password-file.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExtractConfigurationErrorTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-config-").FullName;

    public static TheoryData<string, string> BadData => new()
    {
        { "file", "data_not_a_folder" },
        { "dangling", "data_dangling_link" },
        { "/proc/docpipe-data", "data_not_writable" },
    };

    [Theory]
    [MemberData(nameof(BadData))]
    public async Task A_data_folder_that_cannot_hold_results_exits_1_before_any_document_runs(string data, string code)
    {
        var path = data;
        if (data == "file")
        {
            path = Path.Combine(_root, "results.json");
            await File.WriteAllTextAsync(path, "{}");
        }
        else if (data == "dangling")
        {
            path = Path.Combine(_root, "results");
            File.CreateSymbolicLink(path, Path.Combine(_root, "gone"));
        }

        var run = await Docpipe.RunAsync("extract", TinyModelFixture.Sample("receipt.pdf"), TinyModelFixture.Sample("form-filled.pdf"), "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", path);

        run.Exit.Should().Be(1, run.Err);
        run.Err.Should().Contain($"error [{code}]: The data folder").And.Contain("--data");
        run.Err.Should().NotContain("retrying").And.NotContain("started");
        run.HasStackTrace.Should().BeFalse();
    }

    [Fact]
    public async Task Encrypted_pdfs_open_with_password_and_a_per_file_password_file_and_no_password_is_printed_or_stored()
    {
        var first = Path.Combine(_root, "in", "first.pdf");
        var second = Path.Combine(_root, "in", "second.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        await File.WriteAllBytesAsync(first, TestPdfs.Encrypted("alpha-secret"));
        await File.WriteAllBytesAsync(second, TestPdfs.Encrypted("beta-secret"));
        var passwordFile = Path.Combine(_root, "passwords.json");
        await File.WriteAllTextAsync(passwordFile, """{ "in/second.pdf": "beta-secret" }""");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var data = Path.Combine(_root, "data");

        var locked = await Docpipe.RunAsync("extract", first, "--schema", "describe-pages", "--model", fixture.ModelDirectory, "--data", data);
        locked.Exit.Should().Be(2);
        locked.Out.Should().Contain("pdf.encrypted").And.Contain("--password-file");

        var run = await Docpipe.RunAsync(
            "extract", Path.Combine(_root, "in"), "--schema", "describe-pages", "--model", fixture.ModelDirectory, "--data", data,
            "--password", "alpha-secret", "--password-file", passwordFile);

        run.Exit.Should().Be(0, run.Err + run.Out);
        run.Out.Should().Contain("2/2 documents extracted");
        (run.Out + run.Err + locked.Out + locked.Err).Should().NotContain("secret");
        foreach (var stored in Directory.EnumerateFiles(data, "*.json", SearchOption.AllDirectories))
        {
            (await File.ReadAllTextAsync(stored)).Should().NotContain("secret", stored);
        }

        var wrong = await Docpipe.RunAsync("extract", second, "--schema", "describe-pages", "--model", fixture.ModelDirectory, "--data", data, "--password", "nope", "--force");
        wrong.Exit.Should().Be(2);
        wrong.Out.Should().Contain("pdf.wrong_password");
    }

    [Fact]
    public async Task A_password_file_that_is_not_a_json_object_exits_1_without_echoing_its_content()
    {
        var passwordFile = Path.Combine(_root, "passwords.json");
        await File.WriteAllTextAsync(passwordFile, "in/a.pdf: hunter2-secret\n");

        var run = await Docpipe.RunAsync("extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Path.Combine(_root, "data"), "--password-file", passwordFile);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("error [password_file.invalid]").And.NotContain("hunter2");
    }

    [Fact]
    public async Task A_newline_in_a_file_name_cannot_forge_a_progress_line()
    {
        var evil = Path.Combine(_root, "evil\nforged.pdf: completed (1 pages; id 0000, run 0000)\n.pdf");
        File.Copy(TinyModelFixture.Sample("receipt.pdf"), evil);

        var run = await Docpipe.RunAsync("extract", evil, "--schema", "describe-pages", "--model", fixture.ModelDirectory, "--data", Path.Combine(_root, "data"));

        run.Exit.Should().Be(0, run.Err);
        var lines = (run.Err + run.Out).Split('\n');
        lines.Should().NotContain(line => line.StartsWith("forged", StringComparison.Ordinal));
        run.Err.Should().Contain(@"evil\nforged.pdf: completed (1 pages; id 0000, run 0000)\n.pdf: started");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
