using FastVlm.DocPipeline.Extraction.Tables;

namespace FastVlm.DocPipeline.Tests.Extraction.Tables;

public sealed class TableTextParserTests
{
    private static readonly string[] Columns = ["description", "quantity", "unitPrice", "amount"];

    private static string[][] Cells(ParsedTable table) => table.Rows.Select(r => r.Cells.ToArray()).ToArray();

    [Theory]
    [InlineData("Widget | 2 | 10.00 | 20.00")]
    [InlineData("| Widget | 2 | 10.00 | 20.00 |")]
    [InlineData("Widget\t2\t10.00\t20.00")]
    [InlineData("Widget   2    10.00  20.00")]
    [InlineData("Widget; 2; 10.00; 20.00")]
    [InlineData("1. Widget | 2 | 10.00 | 20.00")]
    [InlineData("1) Widget\t2\t10.00\t20.00")]
    [InlineData("1 | Widget | 2 | 10.00 | 20.00")]
    [InlineData("#1: Widget | 2 | 10.00 | 20.00")]
    [InlineData("- | Widget | 2 | 10.00 | 20.00")]
    public void Every_separator_and_row_numbering_gives_the_same_cells(string line)
    {
        var table = TableTextParser.Parse(line, Columns);

        Cells(table).Should().BeEquivalentTo(new[] { new[] { "Widget", "2", "10.00", "20.00" } }, o => o.WithStrictOrdering());
        table.Rows.Single().Flag.Should().Be(TableRowFlag.None);
    }

    [Fact]
    public void Headers_markdown_rules_blank_lines_and_preamble_are_skipped_and_repeated_headers_dropped()
    {
        const string answer = """
            Here are the line items:

            | Description | Qty | Unit price | Amount |
            |---|---:|---:|---:|
            | Widget | 2 | 10.00 | 20.00 |

            | Description | Qty | Unit price | Amount |
            | Gadget | 1 | 5.50 | 5.50 |
            """;
        var options = new TableParseOptions { HeaderLabels = new Dictionary<string, IReadOnlyList<string>> { ["quantity"] = ["qty"] } };

        var table = TableTextParser.Parse(answer, Columns, options);

        Cells(table).Select(r => r[0]).Should().Equal("Widget", "Gadget");
        table.Rows.Select(r => r.Line).Should().Equal(5, 8);
    }

    [Fact]
    public void A_line_without_separators_continues_the_previous_row()
    {
        var table = TableTextParser.Parse("Consulting services | 1 | 900 | 900\nfor March 2026\nWidget | 2 | 10 | 20", Columns);

        Cells(table)[0][0].Should().Be("Consulting services for March 2026");
        table.Rows[0].Flag.Should().Be(TableRowFlag.Continued);
        table.Rows[1].Flag.Should().Be(TableRowFlag.None);
    }

    [Fact]
    public void A_last_row_cut_by_the_token_limit_is_flagged_truncated_and_keeps_what_it_has()
    {
        var table = TableTextParser.Parse("Widget | 2 | 10 | 20\nGadget | 3 | 4", Columns, new TableParseOptions { Truncated = true });

        table.Rows[1].Flag.Should().Be(TableRowFlag.Truncated);
        table.Rows[1].Cells.Should().Equal("Gadget", "3", "4", "");
        table.Rows[1].WrittenCells.Should().Be(3);
    }

    [Fact]
    public void The_same_short_row_without_the_token_limit_is_unparsed_but_kept()
    {
        var table = TableTextParser.Parse("Widget | 2 | 10 | 20\nGadget | 3 | 4", Columns);

        table.Rows[1].Flag.Should().Be(TableRowFlag.Unparsed);
        table.Rows[1].Raw.Should().Be("Gadget | 3 | 4");
    }

    [Theory]
    [InlineData("a | b | c | d | e | f")]
    [InlineData("|||||||||")]
    [InlineData("a || | ||| b")]
    public void Unbalanced_separators_are_kept_raw_and_flagged(string line)
    {
        var row = TableTextParser.Parse(line, Columns).Rows.Single();

        row.Flag.Should().Be(TableRowFlag.Unparsed);
        row.Raw.Should().Be(line);
        row.Cells.Should().HaveCount(Columns.Length);
    }

    [Fact]
    public void Empty_cells_between_pipes_stay_in_their_column()
    {
        TableTextParser.Parse("| Widget | | 10.00 | 20.00 |", Columns).Rows.Single().Cells.Should().Equal("Widget", "", "10.00", "20.00");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\n\t\n")]
    [InlineData("Not present")]
    public void An_empty_or_rowless_answer_gives_no_rows(string? answer)
    {
        TableTextParser.Parse(answer, Columns).Rows.Should().BeEmpty();
    }

    [Fact]
    public void Ten_thousand_rows_stop_at_the_row_limit_and_say_so()
    {
        var answer = string.Join("\n", Enumerable.Range(1, 10_000).Select(i => $"{i}. Item {i} | {i} | 1.00 | {i}.00"));

        var table = TableTextParser.Parse(answer, Columns, new TableParseOptions { MaxRows = 500 });

        table.Rows.Should().HaveCount(500);
        table.RowLimitReached.Should().BeTrue();
        table.Rows[^1].Cells.Should().Equal("Item 500", "500", "1.00", "500.00");
    }

    [Fact]
    public void A_single_column_table_reads_every_line_as_a_row()
    {
        TableTextParser.Parse("alpha\nbeta\n\ngamma", ["name"]).Rows.Select(r => r.Cells[0]).Should().Equal("alpha", "beta", "gamma");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TableParseOptions.MaxRowsLimit + 1)]
    public void A_row_limit_out_of_range_is_refused(int maxRows)
    {
        var parse = () => TableTextParser.Parse("a | b | c | d", Columns, new TableParseOptions { MaxRows = maxRows });

        parse.Should().Throw<ArgumentOutOfRangeException>();
    }
}
