using System.CommandLine;
using System.Text.Json;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary><c>docpipe eval</c> in-process on the tiny synthetic model (the score itself is meaningless there).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EvalCommandTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-evalcli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var root = new RootCommand { EvalCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Copy(string sample)
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        var target = Path.Combine(_root, "in", sample);
        File.Copy(TinyModelFixture.Sample(sample), target);
        return target;
    }

    [Fact]
    public async Task Scores_documents_with_a_truth_file_skips_the_others_and_exits_0()
    {
        Copy("receipt.pdf");
        Copy("receipt.truth.json");
        Copy("form-filled.pdf");

        var (exit, stdout, stderr) = await RunAsync("eval", Path.Combine(_root, "in"), "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Path.Combine(_root, "data"), "--json");

        exit.Should().Be(0, stderr);
        stderr.Should().Contain("synthetic model").And.Contain("form-filled.pdf: skipped, no form-filled.truth.json");
        using var report = JsonDocument.Parse(stdout);
        report.RootElement.GetProperty("schema").GetString().Should().Be("receipt");
        var document = report.RootElement.GetProperty("documents").EnumerateArray().Should().ContainSingle().Subject;
        document.GetProperty("name").GetString().Should().EndWith("receipt.pdf");
        // receipt.truth.json covers merchantName (as "merchant"), receiptNumber, date, total, tax, paymentMethod; not "items".
        document.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString())
            .Should().Equal("merchantName", "receiptNumber", "date", "total", "tax", "paymentMethod");
        document.GetProperty("unscoredFields").EnumerateArray().Select(f => f.GetString()).Should().Equal("items");
        report.RootElement.GetProperty("count").GetInt32().Should().Be(6);
    }

    [Fact]
    public async Task Prints_a_table_with_one_row_per_scored_field_and_the_overall_score()
    {
        Copy("receipt.pdf");
        Copy("receipt.truth.json");

        var (exit, stdout, stderr) = await RunAsync("eval", Path.Combine(_root, "in", "receipt.pdf"), "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Path.Combine(_root, "data"));

        exit.Should().Be(0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("field").And.Contain("accuracy").And.Contain("n");
        lines.Skip(1).Take(6).Select(l => l.Split(' ')[0]).Should().Equal("merchantName", "receiptNumber", "date", "total", "tax", "paymentMethod");
        stdout.Should().Contain("overall: ").And.Contain("/6 fields correct").And.Contain("calibration (review threshold");
        stdout.Should().Contain("truth fields not in the schema (skipped): lineItemCount, merchantAddress, time");
    }

    [Fact]
    public async Task Plot_writes_one_bar_per_scored_field()
    {
        Copy("receipt.pdf");
        Copy("receipt.truth.json");
        var plot = Path.Combine(_root, "accuracy.svg");

        var (exit, _, stderr) = await RunAsync("eval", Path.Combine(_root, "in", "receipt.pdf"), "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Path.Combine(_root, "data"), "--plot", plot);

        exit.Should().Be(0, stderr);
        stderr.Should().Contain($"Wrote {plot}");
        var svg = System.Xml.Linq.XDocument.Load(plot);
        svg.Descendants().Where(e => e.Name.LocalName == "rect" && (string?)e.Attribute("class") == "bar").Select(e => (string?)e.Attribute("data-field"))
            .Should().Equal("merchantName", "receiptNumber", "date", "total", "tax", "paymentMethod");
    }

    [Theory]
    [InlineData("eval", "no-such-file.pdf", "--schema", "invoice")]
    [InlineData("eval", "samples/invoice-simple.pdf", "--schema", "no-such-schema")]
    [InlineData("eval", "samples/invoice-simple.pdf")]
    public async Task Usage_errors_exit_1(params string[] args)
    {
        var withModel = args.Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? TinyModelFixture.Sample(a["samples/".Length..]) : a)
            .Append("--model").Append(fixture.ModelDirectory).ToArray();
        var (exit, _, stderr) = await RunAsync(withModel);
        exit.Should().Be(1, stderr);
    }
}
