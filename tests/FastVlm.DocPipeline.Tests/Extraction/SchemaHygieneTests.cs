using System.Text;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Tests.Cli;

namespace FastVlm.DocPipeline.Tests.Extraction;

/// <summary>Issue 19, item 7: a schema file that says two things, is not UTF-8, hides characters or is huge is refused by name.</summary>
public sealed class SchemaHygieneTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-schema-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Valid = """
        { "name": "tiny", "version": "1", "fields": [ { "name": "total", "question": "What is the total?", "type": "number" } ] }
        """;

    private async Task<Docpipe.Run> CalibrateAsync(byte[] schema)
    {
        var path = Path.Combine(_root, "schema.json");
        await File.WriteAllBytesAsync(path, schema);
        return await Docpipe.RunAsync("calibrate", "--schema", path, "--data", Path.Combine(_root, "data"));
    }

    [Fact]
    public async Task The_valid_schema_these_tests_break_loads()
    {
        var run = await CalibrateAsync(Encoding.UTF8.GetBytes(Valid));

        run.Exit.Should().Be(0, run.Err);
    }

    [Theory]
    [InlineData("""{ "name": "tiny", "name": "other", "version": "1", "fields": [ { "name": "total", "question": "What is the total?", "type": "number" } ] }""")]
    [InlineData("""{ "name": "tiny", "version": "1", "fields": [ { "name": "total", "question": "What is the total?", "type": "number", "type": "date" } ] }""")]
    public async Task A_key_given_twice_is_refused(string schema)
    {
        var run = await CalibrateAsync(Encoding.UTF8.GetBytes(schema));

        run.Exit.Should().Be(1, run.Err);
        run.Err.Should().Contain("[schema.invalid]").And.ContainEquivalentOf("duplicate");
        run.HasStackTrace.Should().BeFalse();
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_with_its_byte_instead_of_becoming_a_replacement_character()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("What is the total?", "What is the total?XX", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        var run = await CalibrateAsync(bytes);

        run.Exit.Should().Be(1, run.Err);
        run.Err.Should().Contain("[schema.invalid]").And.Contain($"not valid UTF-8 at byte {at + 1}");
    }

    [Fact]
    public async Task Invisible_characters_in_a_schema_message_are_named_by_code_point()
    {
        var schema = Valid.Replace("\"type\": \"number\"", "\"type\": \"num\u200Bber\u202E\"", StringComparison.Ordinal);

        var run = await CalibrateAsync(Encoding.UTF8.GetBytes(schema));

        run.Exit.Should().Be(1, run.Err);
        run.Err.Should().Contain("num<U+200B>ber<U+202E>").And.NotContain("\u200B").And.NotContain("\u202E");
    }

    [Fact]
    public async Task More_fields_than_the_limit_is_refused_with_the_limit_and_what_to_do()
    {
        var fields = string.Join(",", Enumerable.Range(1, SchemaLoader.MaxFields + 1).Select(i => $$"""{ "name": "f{{i}}", "question": "What is value {{i}}?" }"""));
        var run = await CalibrateAsync(Encoding.UTF8.GetBytes($$"""{ "name": "wide", "version": "1", "fields": [ {{fields}} ] }"""));

        run.Exit.Should().Be(1, run.Err);
        run.Err.Should().Contain("fields: 201 fields is more than the 200 a schema may have; split");

        var atLimit = string.Join(",", Enumerable.Range(1, SchemaLoader.MaxFields).Select(i => $$"""{ "name": "f{{i}}", "question": "What is value {{i}}?" }"""));
        (await CalibrateAsync(Encoding.UTF8.GetBytes($$"""{ "name": "wide", "version": "1", "fields": [ {{atLimit}} ] }"""))).Exit.Should().Be(0);
    }
}
