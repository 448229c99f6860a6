using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>
/// <c>docpipe calibrate</c> and <c>docpipe eval</c> fed every kind of broken record a reviewer, a crash or a hand edit
/// leaves behind: each is counted and named, the rest is still used, and nothing is an internal error.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostileRecordsTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-hostile-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Calibrate_counts_a_reviewer_value_that_is_no_number_as_changed_and_names_it()
    {
        await StoreAsync("kept", JsonValue.Create(1100m), ReviewActions.Accepted);
        await StoreAsync("text", JsonValue.Create("abc"));
        await StoreAsync("huge", JsonNode.Parse("1e308"));
        await StoreAsync("over", JsonNode.Parse("79228162514264337593543950336"));

        var run = await Docpipe.RunAsync("calibrate", "--schema", "invoice", "--data", _root, "--json", "--min-support", "1");

        run.Exit.Should().Be(0, run.Err);
        run.HasStackTrace.Should().BeFalse();
        var total = JsonNode.Parse(run.Out)!["fields"]!.AsArray().Single(f => (string?)f!["field"] == "total")!;
        ((int)total["reviewed"]!).Should().Be(4);
        ((int)total["kept"]!).Should().Be(1);
        foreach (var id in new[] { "text", "huge", "over" })
        {
            run.Err.Should().MatchRegex($@"warning \[review\.value_unreadable\]: document {id} field 'total': .*counted as changed");
        }

        run.Err.Should().NotContain("document kept");
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("confidence-null")]
    [InlineData("confidence-text")]
    [InlineData("fields-null")]
    [InlineData("schema-null")]
    [InlineData("status-bogus")]
    public async Task Calibrate_names_a_corrupt_record_leaves_it_out_and_exits_2(string damage)
    {
        await StoreAsync("good", JsonValue.Create(1100m), ReviewActions.Accepted);
        var path = await StoreAsync("bad", JsonValue.Create(1100m), ReviewActions.Accepted);
        var json = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, damage switch
        {
            "truncated" => json[..(json.Length / 2)],
            "confidence-null" => json.Replace("\"confidence\": 0.9", "\"confidence\": null", StringComparison.Ordinal),
            "confidence-text" => json.Replace("\"confidence\": 0.9", "\"confidence\": \"abc\"", StringComparison.Ordinal),
            "fields-null" => JsonWith(json, "fields", null),
            "schema-null" => JsonWith(json, "schema", null),
            _ => JsonWith(json, "status", JsonValue.Create("bogus")),
        });
        (await File.ReadAllTextAsync(path)).Should().NotBe(json, "the record must really be damaged");

        var run = await Docpipe.RunAsync("calibrate", "--schema", "invoice", "--data", _root, "--json", "--min-support", "1");

        run.Exit.Should().Be(2, run.Err);
        run.HasStackTrace.Should().BeFalse();
        run.Err.Should().Contain("document bad left out of calibration").And.Contain("1 stored record(s) could not be read");
        var total = JsonNode.Parse(run.Out)!["fields"]!.AsArray().Single(f => (string?)f!["field"] == "total")!;
        ((int)total["reviewed"]!).Should().Be(1, "the readable record still counts");
    }

    [Fact]
    public async Task Eval_leaves_out_each_broken_truth_file_names_it_and_exits_2()
    {
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(input);
        var truth = JsonNode.Parse(await File.ReadAllTextAsync(TinyModelFixture.Sample("receipt.truth.json")))!.AsObject();
        foreach (var name in new[] { "good", "huge", "wrongtype", "truncated" })
        {
            File.Copy(TinyModelFixture.Sample("receipt.pdf"), Path.Combine(input, name + ".pdf"));
        }

        await File.WriteAllTextAsync(Path.Combine(input, "good.truth.json"), truth.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(input, "huge.truth.json"), JsonWith(truth.ToJsonString(), "total", JsonNode.Parse("1e308")));
        await File.WriteAllTextAsync(Path.Combine(input, "wrongtype.truth.json"), JsonWith(truth.ToJsonString(), "total", new JsonObject { ["x"] = 1 }));
        await File.WriteAllTextAsync(Path.Combine(input, "truncated.truth.json"), truth.ToJsonString()[..40]);

        var run = await Docpipe.RunAsync("eval", input, "--schema", "receipt", "--model", fixture.ModelDirectory, "--data", Path.Combine(_root, "data"), "--json");

        run.Exit.Should().Be(2, run.Err);
        run.HasStackTrace.Should().BeFalse();
        run.Err.Should().MatchRegex(@"huge\.pdf: not scored, .*huge\.truth\.json field 'total': 1e308 is out of range");
        run.Err.Should().MatchRegex(@"wrongtype\.pdf: not scored, .*wrongtype\.truth\.json field 'total':");
        run.Err.Should().MatchRegex(@"truncated\.pdf: not scored, .*truncated\.truth\.json cannot be read");
        run.Err.Should().Contain("3 document(s) not scored");
        var report = JsonNode.Parse(run.Out)!;
        report["documents"]!.AsArray().Select(d => (string?)d!["name"]).Should().ContainSingle().Which.Should().EndWith("good.pdf");
    }

    private async Task<string> StoreAsync(string id, JsonNode? reviewerValue, string action = ReviewActions.Edited)
    {
        var store = new FileResultStore(_root);
        await store.UpdateDocumentAsync(id, _ => new DocumentRecord
        {
            Id = id,
            DocumentId = id,
            RunId = "run1",
            Source = new SourceInfo(null, $"{id}.pdf", null, "abc", 1),
            Schema = new SchemaRef("invoice", "1"),
            Status = DocumentStatus.Reviewed,
            Fields = new Dictionary<string, FieldResult>
            {
                ["total"] = new()
                {
                    Value = reviewerValue,
                    Raw = "1,100.00",
                    Found = true,
                    Confidence = 0.9,
                    Reviewed = true,
                    Review = new FieldReviewState { Reviewer = "ana", At = DateTime.UnixEpoch, Action = action },
                    Model = new FieldModelAnswer { Value = JsonValue.Create(1100m), Raw = "1,100.00", Confidence = 0.9 },
                },
            },
            CreatedAt = DateTime.UnixEpoch,
            UpdatedAt = DateTime.UnixEpoch,
        });
        return Path.Combine(_root, "documents", id, "document.json");
    }

    private static string JsonWith(string json, string property, JsonNode? value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[property] = value;
        return node.ToJsonString();
    }
}
