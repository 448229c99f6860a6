using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Extraction;

public class SchemaLoaderTests
{
    private const string Valid = """
        {
          "name": "invoice",
          "version": "2",
          "reviewThreshold": 0.7,
          "locale": "de-DE",
          "currency": "EUR",
          // comments and trailing commas are fine
          "fields": [
            { "name": "number", "question": "What is the invoice number?", "required": true, "pageHint": "first" },
            { "name": "total", "question": "What is the total?", "type": "currency", "pageHint": "last" },
            { "name": "paid", "question": "Is it paid?", "type": "boolean", "postPrompt": "" },
            { "name": "method", "question": "How was it paid?", "type": "enum", "values": ["cash", "card"], "dateOrder": "dmy" },
            { "name": "items", "question": "What are the items?", "type": "list", "maxTokens": 200 },
          ],
        }
        """;

    [Fact]
    public void Reads_a_valid_schema_with_defaults()
    {
        var schema = SchemaLoader.Parse(Valid);

        schema.Name.Should().Be("invoice");
        schema.Version.Should().Be("2");
        schema.ReviewThreshold.Should().Be(0.7);
        schema.Locale.Should().Be("de-DE");
        schema.Currency.Should().Be("EUR");
        schema.Fields.Select(f => f.Name).Should().Equal("number", "total", "paid", "method", "items");
        schema.Fields[0].Type.Should().Be(FieldType.String);
        schema.Fields[0].Required.Should().BeTrue();
        schema.Fields[0].PageHint.Should().Be(PageHint.First);
        schema.Fields[1].Type.Should().Be(FieldType.Currency);
        schema.Fields[1].Required.Should().BeFalse();
        schema.Fields[2].PostPrompt.Should().Be("");
        schema.Fields[3].Values.Should().Equal("cash", "card");
        schema.Fields[3].DateOrder.Should().Be(DateOrder.DayMonthYear);
        schema.Fields[4].MaxTokens.Should().Be(200);
    }

    [Fact]
    public void Numeric_versions_are_kept_as_written()
    {
        var schema = SchemaLoader.Parse("""{"name":"x","version":3,"fields":[{"name":"a","question":"q?"}]}""");
        schema.Version.Should().Be("3");
        schema.ReviewThreshold.Should().Be(ExtractionSchema.DefaultReviewThreshold);
    }

    [Theory]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q"},{"name":"b","question":"q"},{"name":"c","question":"q"},{"name":"d","question":"q","type":"datee"}]}""",
        "fields[3].type: unknown type 'datee' (expected one of string, number, currency, date, boolean, enum, list, table)")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q","pageHint":"middle"}]}""",
        "fields[0].pageHint: unknown page hint 'middle' (expected one of any, first, last)")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a"}]}""",
        "fields[0].question: missing (a non-empty string is required)")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q","type":"enum"}]}""",
        "fields[0].values: an enum field needs 'values', a non-empty array of allowed strings")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q","type":"enum","values":["x", 3]}]}""",
        "fields[0].values[1]: expected a non-empty string, got the number 3")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q","values":["x"]}]}""",
        "fields[0].values: only enum fields take 'values' (this field's type is 'string')")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q"},{"name":"A","question":"q"}]}""",
        "fields[1].name: duplicate field name 'A' (already used by fields[0])")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"total amount","question":"q"}]}""",
        "fields[0].name: 'total amount' is not a valid field name (letters, digits and '_', starting with a letter or '_')")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","qestion":"q"}]}""",
        "fields[0].qestion: unknown property (did you mean 'question'?)")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q","required":"yes"}]}""",
        "fields[0].required: expected true or false, got the string \"yes\"")]
    [InlineData("""{"name":"x","version":"1","reviewThreshold":1.5,"fields":[{"name":"a","question":"q"}]}""",
        "reviewThreshold: 1.5 is outside 0..1")]
    [InlineData("""{"name":"x","version":"1","locale":"xx-NOPE","fields":[{"name":"a","question":"q"}]}""",
        "locale: unknown locale 'xx-NOPE' (expected a culture name such as en-US, en-GB, de-DE, fr-FR)")]
    [InlineData("""{"name":"x","version":"1","currency":"euro","fields":[{"name":"a","question":"q"}]}""",
        "currency: 'euro' is not an ISO 4217 code (three capital letters such as USD, EUR)")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q","dateOrder":"dym"}]}""",
        "fields[0].dateOrder: unknown date order 'dym' (expected one of dmy, mdy, ymd)")]
    [InlineData("""{"name":"x","version":"1","fields":[{"name":"a","question":"q","maxTokens":0}]}""",
        "fields[0].maxTokens: expected a whole number from 1 to 1024, got 0")]
    [InlineData("""{"name":"Invoice Schema","version":"1","fields":[{"name":"a","question":"q"}]}""",
        "name: 'Invoice Schema' is not a valid schema name (lower-case letters, digits, '.', '_' or '-', starting with a letter or digit)")]
    [InlineData("""{"name":"x","fields":[{"name":"a","question":"q"}]}""",
        "version: missing (for example \"1\"; a new version re-extracts documents)")]
    [InlineData("""{"name":"x","version":"1","fields":[]}""", "fields: must contain at least one field")]
    [InlineData("""{"name":"x","version":"1","fields":{}}""", "fields: expected an array, got an object")]
    [InlineData("""[1, 2]""", "$: expected an object with 'name', 'version' and 'fields', got an array")]
    public void Errors_name_the_offending_path(string json, string expected)
    {
        var act = () => SchemaLoader.Parse(json, "test.json");

        var error = act.Should().Throw<SchemaValidationException>().Which;
        error.Errors.Should().Contain(expected);
        error.Code.Should().Be("schema.invalid");
        error.Message.Should().Contain("test.json").And.Contain(expected);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var json = """{"name":"x","version":"1","fields":[{"name":"a","question":"q","type":"datee"},{"question":"q"},{"name":"c","question":"q","pageHint":"top"}]}""";

        var error = Assert.Throws<SchemaValidationException>(() => SchemaLoader.Parse(json));

        error.Errors.Should().HaveCount(3);
        error.Errors[0].Should().StartWith("fields[0].type:");
        error.Errors[1].Should().StartWith("fields[1].name:");
        error.Errors[2].Should().StartWith("fields[2].pageHint:");
    }

    [Fact]
    public void Broken_json_says_where()
    {
        var error = Assert.Throws<SchemaValidationException>(() => SchemaLoader.Parse("{\n  \"name\": \"x\",\n  \"version\" \"1\"\n}"));
        error.Errors.Single().Should().StartWith("$: not valid JSON (line 3");
    }

    [Theory]
    [InlineData("invoice")]
    [InlineData("receipt")]
    [InlineData("form")]
    [InlineData("describe-pages")]
    public async Task Built_in_schemas_resolve_by_name_and_are_valid(string name)
    {
        var schema = await SchemaLoader.ResolveAsync(name);
        schema.Name.Should().Be(name);
        schema.Fields.Should().NotBeEmpty();
    }

    [Fact]
    public void Built_in_schemas_are_the_sample_files()
    {
        var samples = Path.Combine(RepoPaths.Samples, "schemas");
        var files = Directory.GetFiles(samples, "*.json").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        EmbeddedSchemas.Names.Should().Equal(files);
        foreach (var name in files)
        {
            EmbeddedSchemas.TryGetJson(name!).Should().Be(File.ReadAllText(Path.Combine(samples, name + ".json")));
        }
    }

    [Fact]
    public async Task Files_win_over_built_in_names_and_unknown_names_list_the_choices()
    {
        var act = () => SchemaLoader.ResolveAsync("no-such-schema");
        var error = (await act.Should().ThrowAsync<SchemaNotFoundException>()).Which;
        error.Code.Should().Be("schema.not_found");
        error.Message.Should().Contain("invoice").And.Contain("receipt");

        var path = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"name":"custom","version":"1","fields":[{"name":"a","question":"q"}]}""");
        try
        {
            (await SchemaLoader.ResolveAsync(path)).Name.Should().Be("custom");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
