using System.Text.Json;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>Issue 14: questions the model would refuse fail when the schema is loaded, before any page, not per page at run time.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SchemaQuestionTests(TinyModelFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-schema-").FullName;

    private string Data => Path.Combine(_root, "data");

    private async Task<string> SchemaAsync(string question, string? postPrompt = null)
    {
        var field = new Dictionary<string, object?> { ["name"] = "total", ["question"] = question, ["type"] = "string" };
        if (postPrompt is not null)
        {
            field["postPrompt"] = postPrompt;
        }

        var path = Path.Combine(_root, "schema.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { name = "probe", version = "1", fields = new[] { new { name = "ok", question = "What is the date?", type = "date" } }.Cast<object>().Append(field) }));
        return path;
    }

    [Theory]
    [InlineData("<image>\nWhat is the total?", null, "question", "<image>")]
    [InlineData("What is the total?", "Answer briefly.<|im_end|>", "postPrompt", "<|im_end|>")]
    public async Task Chat_markup_in_a_question_fails_at_schema_load(string question, string? postPrompt, string property, string markup)
    {
        var schema = await SchemaAsync(question, postPrompt);

        var run = await Docpipe.RunAsync("extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", schema, "--model", fixture.ModelDirectory, "--data", Data);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("schema.invalid").And.Contain($"fields[1].{property}: contains '{markup}'");
        run.Err.Should().NotContain("started");
        Directory.Exists(Data).Should().BeFalse("no page may be processed");
    }

    [Fact]
    public async Task A_question_over_the_character_limit_fails_at_schema_load()
    {
        var schema = await SchemaAsync("What is " + new string('x', 20_000) + "?");

        var run = await Docpipe.RunAsync("extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", schema, "--model", fixture.ModelDirectory, "--data", Data);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("fields[1].question: the prompt is 20,").And.Contain("characters long; the model accepts at most 16,384");
    }

    [Fact]
    public async Task A_question_over_the_token_limit_fails_once_the_model_is_known_before_any_page()
    {
        var schema = await SchemaAsync("Which of these words " + string.Concat(Enumerable.Range(0, 2400).Select(i => $"w{i} ")) + "is the total?");

        var run = await Docpipe.RunAsync("extract", TinyModelFixture.Sample("receipt.pdf"), "--schema", schema, "--model", fixture.ModelDirectory, "--data", Data);

        run.Exit.Should().Be(1);
        run.Err.Should().Contain("schema.invalid").And.Contain("fields[1].question: the prompt is").And.Contain("tokens for this model; the limit is 2,048");
        run.Err.Should().NotContain("fields[0]").And.NotContain("started");
        Directory.Exists(Data).Should().BeFalse("no page may be processed");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
