using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Configuration;

namespace FastVlm.DocPipeline.Tests.Contracts.Configuration;

public sealed class JsonConfigReaderTests
{
    [Fact]
    public void Problems_name_the_value_by_its_json_path()
    {
        var (root, problems) = Read("""
            { "fields": [ { "name": "a" }, { "name": 3, "size": { "height": -1 } } ], "vocab": { "a b": "x" } }
            """);

        var second = root.TryGet("fields", out var fields) ? fields.Items().ElementAt(1) : default;
        second.String("name").Should().BeNull();
        second.TryGet("size", out var size).Should().BeTrue();
        size.Integer("height", min: 1).Should().BeNull();
        root.TryGet("vocab", out var vocab).Should().BeTrue();
        vocab.Properties().Single().Value.AsInteger().Should().BeNull();
        root.String("missing", required: true).Should().BeNull();
        root.Report("not what was wanted");

        problems.Should().Equal(
            "fields[1].name: expected a non-empty string, got the number 3",
            "fields[1].size.height: expected a whole number of at least 1, got -1",
            "vocab['a b']: expected a number, got the string \"x\"",
            "missing: missing (a non-empty string is required)",
            "$: not what was wanted");
    }

    [Fact]
    public void Typed_getters_check_kinds_and_ranges()
    {
        var (root, problems) = Read("""
            { "threshold": 1.5, "count": 2.5, "flag": "yes", "kind": "Large", "ids": [1, "2"], "id": 7, "text": "  hi  " }
            """);

        root.Number("threshold", min: 0, max: 1).Should().BeNull();
        root.Integer("count", min: 1, max: 10).Should().BeNull();
        root.Boolean("flag").Should().BeNull();
        root.Enum<DayOfWeek>("kind", "day", d => d.ToString().ToLowerInvariant()).Should().BeNull();
        root.Integers("ids").Should().BeNull();
        root.Integers("id").Should().Equal(7);
        root.String("text").Should().Be("hi");

        problems.Should().Equal(
            "threshold: 1.5 is outside 0..1",
            "count: expected a whole number from 1 to 10, got 2.5",
            "flag: expected true or false, got the string \"yes\"",
            "kind: unknown day 'Large' (expected one of sunday, monday, tuesday, wednesday, thursday, friday, saturday)",
            "ids: expected an integer or a list of integers, got an array");
    }

    [Fact]
    public void Peek_getters_give_values_of_the_asked_kind_and_report_nothing()
    {
        var (root, problems) = Read("""{ "a": "", "b": 3, "c": true, "d": null }""");

        root.PeekString("a").Should().Be("");
        root.PeekString("b").Should().BeNull();
        root.PeekNumber("b").Should().Be(3);
        root.PeekBoolean("b").Should().BeNull();
        root.IsTrue("c").Should().BeTrue();
        root.IsTrue("d").Should().BeFalse();
        problems.Should().BeEmpty();
    }

    [Fact]
    public void Null_is_a_wrong_value_unless_the_document_treats_it_as_absent()
    {
        var (strict, strictProblems) = Read("""{ "name": null }""");
        strict.String("name").Should().BeNull();
        strictProblems.Should().Equal("name: expected a non-empty string, got null");

        var (lenient, lenientProblems) = Read("""{ "name": null }""", nullIsAbsent: true);
        lenient.TryGet("name", out _).Should().BeFalse();
        lenient.String("name").Should().BeNull();
        lenientProblems.Should().BeEmpty();
    }

    [Fact]
    public void A_fallback_object_supplies_absent_keys_and_names_them_inside_it()
    {
        var (root, problems) = Read("""{ "hidden_size": 8, "text_config": { "hidden_size": 99, "layers": "two" } }""");
        var json = root.WithFallback("text_config");

        json.Integer("hidden_size").Should().Be(8);
        json.Integer("layers").Should().BeNull();
        json.Integer("heads").Should().BeNull();
        root.Integer("layers").Should().BeNull();

        problems.Should().Equal("text_config.layers: expected a number, got the string \"two\"");
    }

    private static (JsonConfigReader Root, List<string> Problems) Read(string json, bool nullIsAbsent = false)
    {
        var problems = new List<string>();
        using var document = JsonDocument.Parse(json);
        var root = JsonConfigReader.Root(document.RootElement.Clone(), (location, problem) => problems.Add($"{location}: {problem}"), nullIsAbsent);
        return (root, problems);
    }
}
