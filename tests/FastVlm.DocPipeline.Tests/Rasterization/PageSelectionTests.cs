using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Tests.Rasterization;

public class PageSelectionTests
{
    [Theory]
    [InlineData("1-3,7", 10, new[] { 0, 1, 2, 6 })]
    [InlineData("7, 2 ,2", 10, new[] { 1, 6 })]
    [InlineData("8-", 10, new[] { 7, 8, 9 })]
    [InlineData("9-20", 10, new[] { 8, 9 })]
    [InlineData(null, 3, new[] { 0, 1, 2 })]
    public void Selections_become_sorted_zero_based_indexes(string? selection, int pageCount, int[] expected)
    {
        PageSelection.Parse(selection, pageCount).Should().Equal(expected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3-1")]
    [InlineData("a-b")]
    [InlineData("-2")]
    public void Nonsense_is_a_format_error(string selection)
    {
        var parse = () => PageSelection.Parse(selection, 10);
        parse.Should().Throw<FormatException>();
    }
}
