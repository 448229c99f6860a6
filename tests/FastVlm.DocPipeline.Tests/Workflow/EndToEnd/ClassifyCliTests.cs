using System.CommandLine;
using System.Text.Json;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

/// <summary>
/// <c>docpipe extract --schema auto [--split]</c> in-process on the tiny synthetic model: the engine's own candidate
/// scoring classifies (its answers are meaningless, so the assertions are about what any answer must satisfy).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClassifyCliTests(TinyModelFixture fixture) : IDisposable
{
    private readonly ScratchDirectory _root = new("docpipe-classify-cli");

    private string Data => Path.Combine(_root.Path, "data");

    public void Dispose() => _root.Dispose();

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var root = new RootCommand { ExtractCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Split_on_the_engine_stores_the_bundle_and_parts_that_cover_its_pages_in_order()
    {
        var bundle = TinyModelFixture.Sample("bundle-invoice-receipt-invoice.pdf");

        var run = await RunAsync("extract", bundle, "--schema", "auto", "--candidates", "invoice,receipt", "--split", "--model", fixture.ModelDirectory, "--data", Data, "--json");

        run.Exit.Should().BeOneOf([0, 2], run.Err);
        using var json = JsonDocument.Parse(run.Out);
        var records = json.RootElement.EnumerateArray().ToArray();
        var source = records[0];
        source.GetProperty("schema").GetProperty("name").GetString().Should().Be("auto");
        source.GetProperty("pageCount").GetInt32().Should().Be(4);
        var parts = source.GetProperty("parts").EnumerateArray().ToArray();
        parts.Should().NotBeEmpty();
        parts[0].GetProperty("firstPage").GetInt32().Should().Be(1);
        parts[^1].GetProperty("lastPage").GetInt32().Should().Be(4);
        parts.Zip(parts.Skip(1)).Should().OnlyContain(pair => pair.Second.GetProperty("firstPage").GetInt32() == pair.First.GetProperty("lastPage").GetInt32() + 1);

        records.Skip(1).Select(r => r.GetProperty("documentId").GetString()).Should().Equal(parts.Select(p => p.GetProperty("documentId").GetString()));
        foreach (var (record, part) in records.Skip(1).Zip(parts))
        {
            var split = record.GetProperty("splitFrom");
            split.GetProperty("sourceDocumentId").GetString().Should().Be(source.GetProperty("documentId").GetString());
            split.GetProperty("firstPage").GetInt32().Should().Be(part.GetProperty("firstPage").GetInt32());
            var classification = record.GetProperty("classification");
            classification.GetProperty("schema").GetString().Should().BeOneOf("invoice", "receipt").And.Be(record.GetProperty("schema").GetProperty("name").GetString());
            var candidates = classification.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("confidence").GetDouble()).ToArray();
            candidates.Should().HaveCount(3).And.OnlyContain(c => c >= 0 && c <= 1);
            candidates.Sum().Should().BeApproximately(1, 0.01, "the engine's scores are normalised over the labels");
            classification.GetProperty("confidence").GetDouble().Should().BeGreaterThanOrEqualTo(candidates.Max());
        }
    }

    [Fact]
    public async Task Auto_without_split_extracts_with_one_candidate_and_prints_the_class()
    {
        var run = await RunAsync("extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", "auto", "--model", fixture.ModelDirectory, "--data", Data);

        run.Exit.Should().BeOneOf([0, 2], run.Err);
        run.Out.Should().MatchRegex(@"(invoice|receipt|form) v1 ").And.MatchRegex(@"classified as (invoice|bill|receipt|form) \(\d\.\d\d, page 1\)");
    }

    [Theory]
    [InlineData("--split")]
    [InlineData("--candidates", "invoice,receipt")]
    public async Task Classification_options_without_auto_are_usage_errors(params string[] options)
    {
        var run = await RunAsync(["extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", "receipt", .. options, "--model", fixture.ModelDirectory, "--data", Data]);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("usage.classify_needs_auto");
    }

    [Fact]
    public async Task Auto_with_one_candidate_is_refused_before_any_document_is_read()
    {
        var run = await RunAsync("extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", "auto", "--candidates", "receipt", "--model", fixture.ModelDirectory, "--data", Data);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("classify.too_few_candidates");
        Directory.Exists(Data).Should().BeFalse();
    }
}
