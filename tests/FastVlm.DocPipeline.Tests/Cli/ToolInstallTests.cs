using System.Diagnostics;
using FastVlm.DocPipeline.Tests.Rasterization;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Issue 14: scripts/install.sh packs docpipe as a .NET tool with PDFium inside and installs it as a command.</summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-tool-").FullName;

    [Fact]
    public async Task Install_script_makes_a_docpipe_command_that_renders_with_its_own_pdfium()
    {
        var tools = Path.Combine(_root, "tools");
        var install = new ProcessStartInfo(RepoPaths.Of("scripts/install.sh")) { WorkingDirectory = RepoPaths.Root };
        install.Environment["DOCPIPE_TOOL_PATH"] = tools;
        install.Environment["DOCPIPE_PACK_NO_BUILD"] = "1";
        (await ChildProcess.RunAsync(install, TimeSpan.FromMinutes(8), "scripts/install.sh needs the .NET SDK and npm (for PDFium).")).EnsureSuccess();

        var docpipe = Path.Combine(tools, "docpipe");
        var version = await RunAsync(docpipe, "--version");
        version.EnsureSuccess().StandardOutput.Should().MatchRegex(@"^\d+\.\d+\.\d+");

        // Run from outside the repository with no PDFium setting: only the library inside the tool can be found.
        var pages = Path.Combine(_root, "pages");
        var rendered = await RunAsync(docpipe, "rasterize", TestFiles.SamplePath("receipt"), "--out", pages, "--size", "128");
        rendered.EnsureSuccess().StandardOutput.Should().Contain("rendered at 128 px");
        File.Exists(Path.Combine(pages, "page-0001.png")).Should().BeTrue();
        Directory.EnumerateFiles(tools, "libpdfium.so", SearchOption.AllDirectories).Should().ContainSingle();
    }

    private Task<ChildProcess.Result> RunAsync(string docpipe, params string[] args)
    {
        var start = new ProcessStartInfo(docpipe) { WorkingDirectory = _root };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DOCPIPE_PDFIUM_PATH");
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), "the docpipe tool was not installed.");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
