using System.CommandLine;
using System.Text.Json;
using FastVlm.DocPipeline.Cli.Commands;

namespace FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

/// <summary><c>docpipe extract</c> and <c>docpipe results</c> run in-process on the tiny synthetic model.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExtractCliTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-cli-" + Guid.NewGuid().ToString("N"));

    private string Data => Path.Combine(_root, "data");

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var root = new RootCommand { ExtractCommand.Create(), ResultsCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Extract_stores_results_and_a_second_run_skips_done_pages_with_a_new_run()
    {
        var sample = TinyModelFixture.Sample("receipt.pdf");

        var first = await RunAsync("extract", sample, "--schema", "describe-pages", "--model", fixture.ModelDirectory, "--data", Data, "--json");

        first.Exit.Should().Be(0, first.Err);
        using var firstJson = JsonDocument.Parse(first.Out);
        var document = firstJson.RootElement.EnumerateArray().Single();
        var id = document.GetProperty("documentId").GetString()!;
        document.GetProperty("status").GetString().Should().Be("completed");
        document.GetProperty("fields").EnumerateObject().Select(f => f.Name).Should().Equal("documentType", "title", "pageSummary", "hasTable");
        first.Err.Should().Contain("receipt.pdf: page 1/1 done");

        var second = await RunAsync("extract", sample, "--schema", "describe-pages", "--model", fixture.ModelDirectory, "--data", Data);

        second.Exit.Should().Be(0, second.Err);
        second.Out.Should().Contain(id);
        second.Err.Should().Contain("1 already done");
        var show = await RunAsync("results", "show", id[..10], "--data", Data, "--json");
        show.Exit.Should().Be(0, show.Err);
        using var shown = JsonDocument.Parse(show.Out);
        var runs = shown.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        runs.Should().HaveCount(2);
        runs.Select(r => r.GetProperty("runId").GetString()).Distinct().Should().HaveCount(2);
        runs.Select(r => r.GetProperty("pagesSkipped").GetArrayLength()).Should().BeEquivalentTo([0, 1]);
        shown.RootElement.GetProperty("pages").GetArrayLength().Should().Be(1);

        var list = await RunAsync("results", "list", "--status", "completed", "--data", Data);
        list.Exit.Should().Be(0);
        list.Out.Should().Contain(id).And.Contain("receipt.pdf");
        (await RunAsync("results", "list", "--status", "bogus", "--data", Data)).Exit.Should().Be(1);
        (await RunAsync("results", "show", "ffffffff", "--data", Data)).Exit.Should().Be(1);
    }

    [Fact]
    public async Task Some_documents_failing_exits_2_and_the_rest_are_stored()
    {
        Directory.CreateDirectory(_root);
        var broken = Path.Combine(_root, "broken.pdf");
        await File.WriteAllTextAsync(broken, "%PDF-1.7\nthis is not really a PDF\n");
        var good = TinyModelFixture.Sample("form-filled.pdf");

        var run = await RunAsync("extract", good, broken, "--schema", "describe-pages", "--model", fixture.ModelDirectory, "--data", Data);

        run.Exit.Should().Be(2, run.Err);
        run.Out.Should().Contain("form-filled.pdf  completed").And.Contain("broken.pdf  failed").And.Contain("pdf.corrupt");
        var failed = await RunAsync("results", "list", "--status", "failed", "--data", Data);
        failed.Out.Should().Contain("broken.pdf").And.NotContain("form-filled.pdf");
    }

    [Fact]
    public async Task Usage_and_configuration_errors_exit_1_and_say_what_to_do()
    {
        var sample = TinyModelFixture.Sample("receipt.pdf");
        Directory.CreateDirectory(_root);

        var noModel = await RunAsync("extract", sample, "--schema", "receipt", "--model", _root, "--data", Data);
        noModel.Exit.Should().Be(1);
        noModel.Err.Should().Contain("config.json").And.Contain("docpipe model synth").And.Contain("docpipe model fetch");

        var badSchema = await RunAsync("extract", sample, "--schema", "invoicee", "--model", fixture.ModelDirectory, "--data", Data);
        badSchema.Exit.Should().Be(1);
        badSchema.Err.Should().Contain("schema.not_found").And.Contain("invoice");

        var schemaFile = Path.Combine(_root, "bad.json");
        await File.WriteAllTextAsync(schemaFile, """{"name":"x","version":"1","fields":[{"name":"a","question":"q","type":"datee"}]}""");
        var invalid = await RunAsync("extract", sample, "--schema", schemaFile, "--model", fixture.ModelDirectory, "--data", Data);
        invalid.Exit.Should().Be(1);
        invalid.Err.Should().Contain("fields[0].type: unknown type 'datee'");

        var missing = await RunAsync("extract", Path.Combine(_root, "nope", "*.pdf"), "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Data);
        missing.Exit.Should().Be(1);
        missing.Err.Should().Contain("No documents at");

        Directory.Exists(Data).Should().BeFalse("nothing ran");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
