using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Workflow.Review;

/// <summary>A reviewer's value goes through the field type's normaliser; what does not parse is refused, naming the format.</summary>
public sealed class ReviewValueReaderTests
{
    private static readonly ExtractionSchema Schema = new()
    {
        Name = "t",
        Version = "1",
        Currency = "EUR",
        Fields =
        [
            new SchemaField { Name = "amount", Question = "?", Type = FieldType.Currency },
            new SchemaField { Name = "count", Question = "?", Type = FieldType.Number },
            new SchemaField { Name = "issued", Question = "?", Type = FieldType.Date },
            new SchemaField { Name = "paid", Question = "?", Type = FieldType.Boolean },
            new SchemaField { Name = "kind", Question = "?", Type = FieldType.Enum, Values = ["invoice", "credit note"] },
            new SchemaField { Name = "tags", Question = "?", Type = FieldType.List },
            new SchemaField
            {
                Name = "items", Question = "?", Type = FieldType.Table,
                Columns = [new TableColumn { Name = "description" }, new TableColumn { Name = "qty", Type = FieldType.Number }, new TableColumn { Name = "price", Type = FieldType.Currency }],
            },
        ],
    };

    [Theory]
    [InlineData("amount", "\"123.45\"", "123.45")]
    [InlineData("amount", "\"1.234,56 €\"", "1234.56")]
    [InlineData("amount", "99.5", "99.5")]
    [InlineData("count", "\"1,200\"", "1200")]
    [InlineData("issued", "\"12/31/2026\"", "\"2026-12-31\"")]
    [InlineData("issued", "\"31.12.2026\"", "\"2026-12-31\"")]
    [InlineData("paid", "\"yes\"", "true")]
    [InlineData("paid", "false", "false")]
    [InlineData("kind", "\"Credit Note\"", "\"credit note\"")]
    [InlineData("tags", "\"a\\nb\"", "[\"a\",\"b\"]")]
    [InlineData("tags", "[\" a \", \"\", \"b\"]", "[\"a\",\"b\"]")]
    [InlineData("amount", "null", "null")]
    public void Values_are_read_as_their_fields_type(string field, string input, string expected)
    {
        var read = ReviewValueReader.Read(Schema, Field(field), JsonNode.Parse(input));

        (read.Value?.ToJsonString() ?? "null").Should().Be(expected);
    }

    [Theory]
    [InlineData("amount", "true", "one amount")]
    [InlineData("amount", "\"abc\"", "one amount")]
    [InlineData("amount", "1e400", "out of range")]
    [InlineData("count", "\"many\"", "one number")]
    [InlineData("issued", "\"someday\"", "one date")]
    [InlineData("issued", "20261231", "one date")]
    [InlineData("paid", "\"perhaps\"", "true or false")]
    [InlineData("kind", "\"receipt\"", "invoice, credit note")]
    [InlineData("tags", "[1]", "not a text item")]
    [InlineData("amount", "{\"nested\": 1}", "one amount")]
    [InlineData("tags", "\"zero\\u200Bwidth\"", "U+200B ZERO WIDTH SPACE")]
    public void Values_that_do_not_fit_are_refused_with_the_expected_format(string field, string input, string message)
    {
        var read = () => ReviewValueReader.Read(Schema, Field(field), JsonNode.Parse(input));

        var error = read.Should().Throw<ReviewException>().Which;
        error.Code.Should().Be(ReviewErrorCodes.ValueInvalid);
        error.Message.Should().Contain(message);
    }

    [Fact]
    public void Table_rows_are_typed_cell_by_cell_and_unknown_columns_or_bad_cells_are_refused()
    {
        var rows = JsonNode.Parse("""[{"description": "Bolts", "qty": "12", "price": "1,50 €"}, {"description": "Nuts", "qty": 3, "price": null}]""");

        var read = ReviewValueReader.Read(Schema, Field("items"), rows);

        read.Value!.ToJsonString().Should().Be("""[{"description":"Bolts","qty":12,"price":1.50},{"description":"Nuts","qty":3,"price":null}]""");
        var unknown = () => ReviewValueReader.Read(Schema, Field("items"), JsonNode.Parse("""[{"iban": "x"}]"""));
        unknown.Should().Throw<ReviewException>().Which.Message.Should().Contain("no column 'iban'");
        var badCell = () => ReviewValueReader.Read(Schema, Field("items"), JsonNode.Parse("""[{"qty": "lots"}]"""));
        badCell.Should().Throw<ReviewException>().Which.Message.Should().Contain("items[0].qty");
        var notRows = () => ReviewValueReader.Read(Schema, Field("items"), JsonNode.Parse("""["{\"qty\": 1}"]"""));
        notRows.Should().Throw<ReviewException>().Which.Message.Should().Contain("not a row object");
    }

    private static SchemaField Field(string name) => Schema.Fields.Single(f => f.Name == name);
}
