using System.CommandLine;
using System.Diagnostics;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Tests.Rasterization;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli;

public class RasterizeCommandTests
{
    [Fact]
    public async Task Selected_pages_are_written_as_numbered_pngs_with_a_line_each()
    {
        var output = Directory.CreateTempSubdirectory("docpipe-cli-");
        try
        {
            var (exit, stdout, _) = await RunAsync("rasterize", TestFiles.SamplePath("invoice-multipage"), "--out", output.FullName, "--size", "512", "--pages", "2");

            exit.Should().Be(0);
            Directory.GetFiles(output.FullName).Select(Path.GetFileName).Should().Equal("page-0002.png");
            var image = ImageDecoder.Decode(File.ReadAllBytes(Path.Combine(output.FullName, "page-0002.png")));
            image.Height.Should().Be(512);
            image.Width.Should().Be(396);
            stdout.Should().Contain("page 2: 396x512 px").And.Contain("1 of 2 page(s)");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(null, 384)]
    [InlineData("200", 200)]
    public async Task With_a_model_the_page_size_comes_from_its_preprocessor_config_unless_size_is_given(string? size, int expectedHeight)
    {
        var work = Directory.CreateTempSubdirectory("docpipe-cli-");
        try
        {
            var model = Path.Combine(work.FullName, "model");
            Directory.CreateDirectory(model);
            await File.WriteAllTextAsync(
                Path.Combine(model, "preprocessor_config.json"),
                """{ "do_center_crop": true, "crop_size": { "height": 384, "width": 384 }, "size": { "shortest_edge": 384 } }""");
            string[] args = ["rasterize", TestFiles.SamplePath("invoice-simple"), "--out", Path.Combine(work.FullName, "pages"), "--model", model];
            var (exit, _, stderr) = await RunAsync(size is null ? args : [.. args, "--size", size]);

            exit.Should().Be(0, stderr);
            var image = ImageDecoder.Decode(File.ReadAllBytes(Path.Combine(work.FullName, "pages", "page-0001.png")));
            image.Height.Should().Be(expectedHeight);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_model_directory_without_a_preprocessor_config_exits_1_naming_the_file()
    {
        var empty = Directory.CreateTempSubdirectory("docpipe-cli-");
        try
        {
            var (exit, _, stderr) = await RunAsync("rasterize", TestFiles.SamplePath("invoice-simple"), "--out", Path.Combine(empty.FullName, "pages"), "--model", empty.FullName);
            exit.Should().Be(1);
            stderr.Should().Contain("model.missing_file").And.Contain("preprocessor_config.json");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bad_input_exits_1_with_the_error_code()
    {
        var notPdf = Path.Combine(Path.GetTempPath(), $"docpipe-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(notPdf, "just some text");
        try
        {
            var (exit, _, stderr) = await RunAsync("rasterize", notPdf, "--out", Path.GetTempPath());
            exit.Should().Be(1);
            stderr.Should().Contain("input.unsupported_format");
        }
        finally
        {
            File.Delete(notPdf);
        }
    }

    [Fact]
    public async Task An_encrypted_pdf_without_password_exits_1_with_pdf_encrypted()
    {
        var locked = Path.Combine(Path.GetTempPath(), $"docpipe-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(locked, TestPdfs.Encrypted("pw"));
        try
        {
            var (exit, _, stderr) = await RunAsync("rasterize", locked, "--out", Path.GetTempPath());
            exit.Should().Be(1);
            stderr.Should().Contain("pdf.encrypted");
        }
        finally
        {
            File.Delete(locked);
        }
    }

    [Fact]
    public async Task A_missing_pdfium_is_reported_with_the_setup_script_and_exit_3()
    {
        // PDFium is process-wide, so this runs the real CLI in a child process with a configured path that does not exist.
        var cli = BuildOutputs.DocpipeDll;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "rasterize", TestFiles.SamplePath("receipt"), "--out", Path.Combine(Path.GetTempPath(), "docpipe-never") },
        };
        start.Environment["DOCPIPE_PDFIUM_PATH"] = "/nonexistent/libpdfium.so";
        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), "dotnet must be on PATH.");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("pdfium.missing").And.Contain("scripts/setup-pdfium.sh").And.Contain("/nonexistent/libpdfium.so");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(RasterizeCommand.Create());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
