using FastVlm.DocPipeline.Extraction.Tables;

namespace FastVlm.DocPipeline.Tests.Extraction.Tables;

public sealed class TableRowJoinerTests
{
    private static readonly string[] Columns = ["description", "quantity", "unitPrice", "amount"];

    private static ParsedTable Page(string answer, bool truncated = false) =>
        TableTextParser.Parse(answer, Columns, new TableParseOptions { Truncated = truncated });

    [Fact]
    public void Rows_of_every_page_are_joined_in_page_order_and_record_their_page()
    {
        var joined = TableRowJoiner.Join([(2, Page("C | 1 | 1 | 1")), (1, Page("A | 1 | 1 | 1\nB | 1 | 1 | 1"))], Columns.Length);

        joined.Select(r => (r.Page, r.Row.Cells[0])).Should().Equal((1, "A"), (1, "B"), (2, "C"));
    }

    [Fact]
    public void A_row_split_by_the_page_break_is_joined_when_the_halves_fill_the_columns_exactly()
    {
        var joined = TableRowJoiner.Join([(1, Page("A | 1 | 1 | 1\nLong item | 2", truncated: true)), (2, Page("5.00 | 10.00\nB | 1 | 1 | 1"))], Columns.Length);

        joined.Should().HaveCount(3);
        joined[1].Page.Should().Be(1);
        joined[1].Row.Flag.Should().Be(TableRowFlag.Joined);
        joined[1].Row.Cells.Should().Equal("Long item", "2", "5.00", "10.00");
    }

    [Theory]
    [InlineData("Long item | 2", "5.00 | 10.00 | extra")]
    [InlineData("Long item | 2", "C | 1 | 1 | 1")]
    [InlineData("Long item | 2 | 5 | 10", "5.00 | 10.00")]
    public void Halves_that_do_not_clearly_belong_together_stay_apart(string endOfPage1, string startOfPage2)
    {
        var joined = TableRowJoiner.Join([(1, Page(endOfPage1, truncated: true)), (2, Page(startOfPage2))], Columns.Length);

        joined.Should().HaveCount(2);
        joined.Should().NotContain(r => r.Row.Flag == TableRowFlag.Joined);
    }

    [Fact]
    public void Pages_that_are_not_consecutive_are_never_joined()
    {
        var joined = TableRowJoiner.Join([(1, Page("Long item | 2", truncated: true)), (3, Page("5.00 | 10.00"))], Columns.Length);

        joined.Should().HaveCount(2);
    }

    [Fact]
    public void A_lone_leading_cell_completes_a_row_that_lacks_exactly_one_cell()
    {
        var joined = TableRowJoiner.Join([(1, Page("Long item | 2 | 5.00", truncated: true)), (2, Page("10.00\nB | 1 | 1 | 1"))], Columns.Length);

        joined.Select(r => r.Row.Cells[3]).Should().Equal("10.00", "1");
        joined[0].Row.Flag.Should().Be(TableRowFlag.Joined);
    }

    [Fact]
    public void A_lone_leading_line_is_preamble_when_the_previous_row_is_complete_or_lacks_more_than_one_cell()
    {
        var complete = TableRowJoiner.Join([(1, Page("A | 1 | 1 | 1")), (2, Page("Continued from page 1\nB | 1 | 1 | 1"))], Columns.Length);
        var twoMissing = TableRowJoiner.Join([(1, Page("Long item | 2", truncated: true)), (2, Page("10.00\nB | 1 | 1 | 1"))], Columns.Length);

        complete.Select(r => r.Row.Cells[0]).Should().Equal("A", "B");
        twoMissing.Should().NotContain(r => r.Row.Flag == TableRowFlag.Joined);
    }
}
