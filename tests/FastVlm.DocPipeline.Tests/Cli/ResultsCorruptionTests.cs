using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Issue 14, case 8: one corrupt document.json is named with its fix and never hides the readable documents.</summary>
public sealed class ResultsCorruptionTests : IDisposable
{
    private const string Intact = "aaaa1111";
    private const string Other = "bbbb2222";
    private const string NotJson = "cccc3333";
    private const string NullSource = "dddd4444";

    private readonly string _data = Directory.CreateTempSubdirectory("docpipe-results-").FullName;

    private string DocumentFile(string id) => Path.Combine(_data, "documents", id, "document.json");

    private async Task StoreAsync(params string[] ids)
    {
        var store = new FileResultStore(_data);
        foreach (var id in ids)
        {
            await store.UpdateDocumentAsync(id, _ => new DocumentRecord
            {
                Id = id,
                DocumentId = id,
                RunId = "r1",
                Source = new SourceInfo(null, $"/in/{id}.pdf", null, "abc", 3),
                Schema = new SchemaRef("invoice", "1"),
                Status = DocumentStatus.Completed,
                CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                UpdatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            });
        }
    }

    private async Task CorruptAsync()
    {
        await StoreAsync(Intact, Other, NotJson, NullSource);
        await File.WriteAllTextAsync(DocumentFile(NotJson), """{ "id": "cccc3333", "documentId": """);
        var withNullSource = JsonNode.Parse(await File.ReadAllTextAsync(DocumentFile(NullSource)))!.AsObject();
        withNullSource["source"] = null;
        await File.WriteAllTextAsync(DocumentFile(NullSource), withNullSource.ToJsonString());
    }

    [Fact]
    public async Task List_shows_every_readable_document_and_names_each_corrupt_one_with_its_fix()
    {
        await CorruptAsync();

        var run = await Docpipe.RunAsync("results", "list", "--data", _data);

        run.Exit.Should().Be(2, "not everything could be read");
        run.Out.Should().Contain(Intact).And.Contain($"{Intact}.pdf").And.Contain(Other);
        run.Err.Should().Contain($"warning [store.corrupt]: document {NotJson} left out").And.Contain("not valid JSON")
            .And.Contain($"document {NullSource} left out").And.Contain("'source' is null")
            .And.Contain($"delete only {DocumentFile(NullSource)}")
            .And.Contain("keep the folder, whose review.json holds reviewers' decisions")
            .And.NotContain("delete the folder", "deleting the folder would delete the review");
        run.HasStackTrace.Should().BeFalse();

        var json = await Docpipe.RunAsync("results", "list", "--data", _data, "--json");
        JsonNode.Parse(json.Out)!.AsArray().Select(d => d!["documentId"]!.GetValue<string>()).Should().BeEquivalentTo([Intact, Other]);
    }

    [Fact]
    public async Task Show_by_prefix_reads_only_the_matching_document()
    {
        await CorruptAsync();

        var intact = await Docpipe.RunAsync("results", "show", Intact[..4], "--data", _data);
        intact.Exit.Should().Be(0, intact.Err);
        intact.Out.Should().Contain($"source  /in/{Intact}.pdf");

        var corrupt = await Docpipe.RunAsync("results", "show", NullSource[..4], "--data", _data);
        corrupt.Exit.Should().Be(1);
        corrupt.Err.Should().Contain("error [store.corrupt]").And.Contain("'source' is null").And.Contain("To fix it, delete only").And.NotContain("delete the folder");
        corrupt.Err.Should().NotContain("NullReference");
        corrupt.HasStackTrace.Should().BeFalse();

        var exact = await Docpipe.RunAsync("results", "show", NullSource, "--data", _data);
        exact.Exit.Should().Be(1);
        exact.Err.Should().Contain("error [store.corrupt]");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Show_with_an_empty_id_exits_1_with_a_code(string id)
    {
        await StoreAsync(Intact);

        var run = await Docpipe.RunAsync("results", "show", id, "--data", _data);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("error [usage.document_id]");
        run.HasStackTrace.Should().BeFalse();
    }

    [Fact]
    public async Task The_store_refuses_a_record_with_a_null_required_member_on_read()
    {
        await CorruptAsync();
        var store = new FileResultStore(_data);

        var read = () => store.GetDocumentAsync(NullSource);

        (await read.Should().ThrowAsync<FastVlm.DocPipeline.Contracts.DocPipelineException>()).Which.Code.Should().Be(FileResultStore.CorruptCode);
        var listed = new List<string>();
        await foreach (var document in store.ListDocumentsAsync())
        {
            listed.Add(document.DocumentId);
        }

        listed.Should().Equal(Intact, Other);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
