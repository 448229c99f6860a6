using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Tests.Extraction.Tables;

public sealed class TableSchemaTests
{
    private static string Schema(string lineItems, string rules = "[]") => $$"""
        { "name": "t", "version": "1", "rules": {{rules}},
          "fields": [
            { "name": "subtotal", "question": "What is the subtotal?", "type": "currency" },
            { "name": "total", "question": "What is the total?", "type": "currency" },
            { "name": "vendor", "question": "Who?" },
            { "name": "when", "question": "When?", "type": "date" },
            {{lineItems}} ] }
        """;

    private const string Table = """
        { "name": "lineItems", "question": "What are the line items?", "type": "table", "maxRows": 50,
          "columns": [ {"name": "description"}, {"name": "quantity", "type": "number", "header": "Qty"},
                       {"name": "unitPrice", "type": "currency"}, {"name": "amount", "type": "currency", "required": true} ] }
        """;

    private static IReadOnlyList<string> Errors(string json) =>
        ((Action)(() => SchemaLoader.Parse(json))).Should().Throw<SchemaValidationException>().Which.Errors;

    [Fact]
    public void A_table_field_reads_its_typed_columns_and_row_limit()
    {
        var field = SchemaLoader.Parse(Schema(Table)).Fields[4];

        field.Type.Should().Be(FieldType.Table);
        field.MaxRows.Should().Be(50);
        field.Columns!.Select(c => (c.Name, c.Type, c.HeaderText, c.Required)).Should().Equal(
            ("description", FieldType.String, "Description", false),
            ("quantity", FieldType.Number, "Qty", false),
            ("unitPrice", FieldType.Currency, "Unit price", false),
            ("amount", FieldType.Currency, "Amount", true));
    }

    [Fact]
    public void The_table_prompt_names_the_columns_in_order_and_allows_long_answers()
    {
        var field = SchemaLoader.Parse(Schema(Table)).Fields[4];

        FieldPrompt.Build(field).Should().Be(
            "What are the line items?\nWrite one row per line with the cells separated by \" | \", in this order: Description | Qty | Unit price | Amount. Write nothing else.");
        FieldPrompt.Options(field).MaxNewTokens.Should().Be(FieldPrompt.DefaultTableMaxTokens);
    }

    [Theory]
    [InlineData("""{ "name": "x", "question": "q", "type": "table" }""", "fields[4].columns: a table field needs 'columns'")]
    [InlineData("""{ "name": "x", "question": "q", "type": "table", "columns": [] }""", "fields[4].columns: expected a non-empty array")]
    [InlineData("""{ "name": "x", "question": "q", "type": "table", "columns": [ {"name": "a"}, {"name": "b"}, {"name": "c", "type": "list"} ] }""", "fields[4].columns[2].type: a column cannot be of type 'list'")]
    [InlineData("""{ "name": "x", "question": "q", "type": "table", "columns": [ {"name": "a"}, {"name": "A"} ] }""", "fields[4].columns[1].name: duplicate column name 'A'")]
    [InlineData("""{ "name": "x", "question": "q", "type": "table", "columns": [ {"name": "a", "typ": "number"} ] }""", "fields[4].columns[0].typ: unknown property (did you mean 'type'?)")]
    [InlineData("""{ "name": "x", "question": "q", "type": "table", "columns": [ "a" ] }""", "fields[4].columns[0]: expected an object")]
    [InlineData("""{ "name": "x", "question": "q", "columns": [ {"name": "a"} ] }""", "fields[4].columns: only table fields take 'columns'")]
    [InlineData("""{ "name": "x", "question": "q", "maxRows": 3 }""", "fields[4].maxRows: only table fields take 'maxRows'")]
    [InlineData("""{ "name": "x", "question": "q", "type": "table", "maxRows": 0, "columns": [ {"name": "a"} ] }""", "fields[4].maxRows:")]
    public void Table_errors_point_at_the_column(string field, string error)
    {
        Errors(Schema(field)).Should().Contain(e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_are_read_as_strings_or_per_row_objects_and_checked_at_load()
    {
        var schema = SchemaLoader.Parse(Schema(Table, """["total == subtotal within 0.01", {"rule": "quantity * unitPrice == amount", "forEach": "lineItems"}]"""));

        schema.Rules.Should().Equal(new SchemaRule("total == subtotal within 0.01"), new SchemaRule("quantity * unitPrice == amount", "lineItems"));
    }

    [Theory]
    [InlineData("""["totl == subtotal"]""", "rules[0]: rule 'totl == subtotal', column 1: unknown field 'totl'")]
    [InlineData("""["total == subtotal", "total = 1"]""", "rules[1]: rule 'total = 1', column 7: '=' is not an operator")]
    [InlineData("""["vendor == total"]""", "rules[0]: rule 'vendor == total', column 1: 'vendor' is text")]
    [InlineData("""["when > total"]""", "rules[0]: rule 'when > total', column 8: cannot compare a date with a number")]
    [InlineData("""[{"rule": "quantity == 1", "forEach": "total"}]""", "rules[0]: rule 'quantity == 1', column 1: forEach names 'total'")]
    [InlineData("""[{"forEach": "lineItems"}]""", "rules[0].rule: missing")]
    [InlineData("""[42]""", "rules[0]: expected a rule")]
    [InlineData("""{"rule": "x"}""", "rules: expected an array of rules")]
    public void Rule_errors_point_at_the_rule(string rules, string error)
    {
        Errors(Schema(Table, rules)).Should().Contain(e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("invoice")]
    [InlineData("receipt")]
    [InlineData("invoice-lines")]
    public async Task The_built_in_schemas_ship_rules_that_bind(string name)
    {
        var schema = await SchemaLoader.ResolveAsync(name);

        schema.Rules.Should().NotBeEmpty();
    }
}
